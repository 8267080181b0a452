// Registers the inbox page's strings (inbox.zh-CN.ts) when that page is loaded.
import { addMessages } from './index.js';
import { inboxPageMessages } from './inbox.zh-CN.js';

addMessages('zh-CN', inboxPageMessages);
