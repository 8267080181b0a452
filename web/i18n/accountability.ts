// Registers the 约谈与问责 page's strings (accountability.zh-CN.ts) when that page is loaded.
import { addMessages } from './index.js';
import { accountabilityPageMessages } from './accountability.zh-CN.js';

addMessages('zh-CN', accountabilityPageMessages);
