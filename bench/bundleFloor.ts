// The smallest first load the decided stack allows (issue 12, item 1): builds four minimal apps with
// Vite — React alone, React with React Router, React with the Ant Design controls a login form needs,
// and a whole login page (React, Router, TanStack Query, Ant Design Form/Input/Button/App) — and
// prints each one's gzip JavaScript against the 200 KB budget and against what Qudi's own login page
// and field path load (read from the last `npm run build`, measured in the same run).
//
//   npm run build && npx tsx bench/bundleFloor.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { pathKB, PATHS, readManifest, TARGET_KB } from '../e2e/bundles.js';
import { ROOT } from '../e2e/harness.js';

const VARIANTS: Record<string, string> = {
  'react-dom': `
import { createRoot } from 'react-dom/client';
createRoot(document.getElementById('root')!).render(<form><input name="u" /><button>登录</button></form>);`,
  'react-dom + react-router': `
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
const router = createBrowserRouter([{ path: '*', element: <form><input name="u" /><button>登录</button></form> }]);
createRoot(document.getElementById('root')!).render(<RouterProvider router={router} />);`,
  'react-dom + antd login controls': `
import { App, Button, ConfigProvider, Form, Input } from 'antd';
import zhCN from 'antd/es/locale/zh_CN.js';
import { createRoot } from 'react-dom/client';
createRoot(document.getElementById('root')!).render(
  <ConfigProvider locale={zhCN}><App><Form><Form.Item name="u" rules={[{ required: true }]}><Input /></Form.Item><Input.Password /><Button>登录</Button></Form></App></ConfigProvider>,
);`,
  'minimal login page (the stack)': `
import { QueryClient, QueryClientProvider, useMutation } from '@tanstack/react-query';
import { App, Button, ConfigProvider, Form, Input } from 'antd';
import zhCN from 'antd/es/locale/zh_CN.js';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
function Login() {
  const m = useMutation({ mutationFn: (v: unknown) => fetch('/api/auth/login', { method: 'POST', body: JSON.stringify(v) }) });
  return (
    <Form onFinish={(v) => m.mutate(v)}>
      <Form.Item name="username" rules={[{ required: true }]}><Input /></Form.Item>
      <Form.Item name="password" rules={[{ required: true }]}><Input.Password /></Form.Item>
      <Button type="primary" htmlType="submit">登录</Button>
    </Form>
  );
}
const router = createBrowserRouter([{ path: '*', element: <Login /> }]);
createRoot(document.getElementById('root')!).render(
  <ConfigProvider locale={zhCN}><App><QueryClientProvider client={new QueryClient()}><RouterProvider router={router} /></QueryClientProvider></App></ConfigProvider>,
);`,
};

async function gzipKB(source: string): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-floor-'));
  try {
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="./main.tsx"></script>');
    fs.writeFileSync(path.join(dir, 'main.tsx'), source);
    await build({ root: dir, configFile: false, logLevel: 'error', plugins: [react()], build: { outDir: path.join(dir, 'dist'), emptyOutDir: true, chunkSizeWarningLimit: 10_000 } });
    const assets = path.join(dir, 'dist', 'assets');
    let bytes = 0;
    for (const f of fs.readdirSync(assets).filter((f) => f.endsWith('.js'))) bytes += zlib.gzipSync(fs.readFileSync(path.join(assets, f)), { level: 9 }).length;
    return bytes / 1024;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const manifest = readManifest();
const qudi = { login: pathKB(manifest, PATHS.login), field: pathKB(manifest, PATHS.field) };
console.log(`budget ${TARGET_KB.login} KB · Qudi's login page ${qudi.login.toFixed(1)} KB · field path ${qudi.field.toFixed(1)} KB (gzip JavaScript)\n`);
console.log(`${'minimal app'.padEnd(34)} ${'KB gzip'.padStart(8)} ${'÷ budget'.padStart(9)} ${'÷ Qudi login'.padStart(13)}`);
for (const [name, source] of Object.entries(VARIANTS)) {
  const kb = await gzipKB(source);
  console.log(`${name.padEnd(34)} ${kb.toFixed(1).padStart(8)} ${(kb / TARGET_KB.login).toFixed(2).padStart(9)} ${(kb / qudi.login).toFixed(2).padStart(13)}`);
}
