// Chinese strings of the imports pages; merged into the zh-CN catalogue (web/i18n/zh-CN.ts).
export const importsMessages = {} as const;
