// Registers the import page's strings (imports.zh-CN.ts) when that page is loaded: imported for its
// effect by the page only, so the login page and the field path do not carry them.
import { addMessages } from './index.js';
import { importsPageMessages } from './imports.zh-CN.js';

addMessages('zh-CN', importsPageMessages);
