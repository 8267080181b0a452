// Registers the acceptance stage's page strings (stage3.zh-CN.ts) when a page of that stage is
// loaded: imported for its effect by those modules only, so the login page does not carry them.
import { addMessages } from './index.js';
import { stage3Messages } from './stage3.zh-CN.js';

addMessages('zh-CN', stage3Messages);
