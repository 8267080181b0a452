// Chinese strings of the acceptance (验收); merged into the zh-CN catalogue (web/i18n/zh-CN.ts): the menu entry; the pages' strings load with the pages (stage3.zh-CN.ts).
export const acceptanceMessages = {
  'nav.acceptance': '验收',
  'nav.supervision': '长效监管',
  'nav.tips': '群众举报',
};
