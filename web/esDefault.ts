/**
 * Some packages (antd's locales, echarts-for-react) ship ES modules without saying so in their
 * package.json, so TypeScript (NodeNext) types their default import as the CommonJS namespace
 * while Vite hands over the real default export. This accepts either shape.
 */
export function esDefault<T>(mod: unknown): T {
  const m = mod as { default?: T };
  return m.default ?? (mod as T);
}
