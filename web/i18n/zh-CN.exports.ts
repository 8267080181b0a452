// Chinese strings of the exports pages; merged into the zh-CN catalogue (web/i18n/zh-CN.ts).
export const exportsMessages = {} as const;
