// Registers the town-report pages' strings (reportsPage.zh-CN.ts) when one of them loads.
import { addMessages } from './index.js';
import { reportsPageMessages } from './reportsPage.zh-CN.js';

addMessages('zh-CN', reportsPageMessages);
