// Signing in (登录).
import { z } from './zod.js';

/** POST /api/auth/login */
export const loginSchema = z.strictObject({
  username: z.string().trim().min(1, { error: '请输入用户名' }).max(64),
  password: z.string().min(1, { error: '请输入密码' }).max(256),
});
