// English UI strings, part d: keys added after the first translation (the language switch; the
// power-data check's page strings).
export const enD: Record<string, string> = {
  'header.language': '中文',
  'header.languageHint': '切换到中文',
};
