// Registers the shutdown stage's page strings (stage2.zh-CN.ts) when a page or panel of that stage is
// loaded: imported for its effect by those modules only, so the login page does not carry them.
import { addMessages } from './index.js';
import { stage2Messages } from './stage2.zh-CN.js';

addMessages('zh-CN', stage2Messages);
