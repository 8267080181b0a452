// Chinese strings of the town-report pages (任务表报送与签字); merged into the zh-CN catalogue.
export const reportsMessages = {
  'nav.reports': '任务表报送',
} as const;
