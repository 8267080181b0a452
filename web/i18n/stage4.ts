// Registers the supervision stage's page strings (stage4.zh-CN.ts) when a page or card of that stage
// is loaded: imported for its effect by those modules only, so the login page does not carry them.
import { addMessages } from './index.js';
import { stage4Messages } from './stage4.zh-CN.js';

addMessages('zh-CN', stage4Messages);
