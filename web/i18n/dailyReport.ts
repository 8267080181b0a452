// Registers the 日报 card's strings (dailyReport.zh-CN.ts) when the card is loaded.
import { addMessages } from './index.js';
import { dailyReportMessages } from './dailyReport.zh-CN.js';

addMessages('zh-CN', dailyReportMessages);
