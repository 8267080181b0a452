// Registers the self-inspection pages' strings (selfInspection.zh-CN.ts) when one of them loads.
import { addMessages } from './index.js';
import { selfInspectionPageMessages } from './selfInspection.zh-CN.js';

addMessages('zh-CN', selfInspectionPageMessages);
