// Registers the map page's strings (map.zh-CN.ts) when that page is loaded.
import { addMessages } from './index.js';
import { mapPageMessages } from './map.zh-CN.js';

addMessages('zh-CN', mapPageMessages);
