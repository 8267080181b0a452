// Chinese strings of the exports pages; merged into the zh-CN catalogue (web/i18n/zh-CN.ts).
export const exportsMessages = {
  'exports.button': '导出表格',
  'exports.taskTable': '导出任务表（附件2）',
  'exports.registrationTable': '导出登记表（附件3）',
  'exports.leadingGroup': '领导小组名单（附件1）',
  'exports.filteredHint': '按当前筛选条件导出',
  'exports.allHint': '导出管辖范围内全部企业',
  'exports.section.responsible': '责任人（附件3 登记表）',
  'exports.responsibleHint': '姓名（可附职务）',
} as const;
