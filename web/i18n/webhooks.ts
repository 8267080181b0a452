// Registers the group robots page's strings (webhooks.zh-CN.ts) when that page is loaded.
import { addMessages } from './index.js';
import { webhooksPageMessages } from './webhooks.zh-CN.js';

addMessages('zh-CN', webhooksPageMessages);
