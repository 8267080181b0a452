// Chinese strings of the reports pages; merged into the zh-CN catalogue (web/i18n/zh-CN.ts).
export const reportsMessages = {} as const;
