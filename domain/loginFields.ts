// The login form's limits and messages, without zod: the login page — the first thing every phone
// loads — checks the same rules as loginSchema (domain/auth.ts) without loading the schema library.
export const LOGIN_FIELDS = {
  username: { max: 64, missing: '请输入用户名', tooLong: '用户名不能超过 64 个字符' },
  password: { max: 256, missing: '请输入密码', tooLong: '密码不能超过 256 个字符' },
} as const;
