// Every schema in Qudi imports z from here so that zod speaks Chinese by default.
import { z } from 'zod';

z.config(z.locales.zhCN());

export { z };
