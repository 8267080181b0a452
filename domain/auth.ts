// Signing in (登录).
import { LOGIN_FIELDS as F } from './loginFields.js';
import { z } from './zod.js';

/** POST /api/auth/login */
export const loginSchema = z.strictObject({
  username: z.string().trim().min(1, { error: F.username.missing }).max(F.username.max, { error: F.username.tooLong }),
  password: z.string().min(1, { error: F.password.missing }).max(F.password.max, { error: F.password.tooLong }),
});
