// Registers the workshop history's strings (history.zh-CN.ts) when the history timeline loads.
import { addMessages } from './index.js';
import { historyMessages } from './history.zh-CN.js';

addMessages('zh-CN', historyMessages);
