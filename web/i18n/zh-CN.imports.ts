// The task-table import's menu entry, in the main catalogue (the side menu shows it on every page).
// The page's own strings are in imports.zh-CN.ts, registered when the page loads.
export const importsMessages = {
  'nav.imports': '导入台账',
} as const;
