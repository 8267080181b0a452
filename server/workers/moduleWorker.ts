// Starting a worker thread on one of the server's own modules, compiled or not: the compiled
// `<name>.js` in production; from TypeScript sources (tsx, the test runner) a small bootstrap that
// registers tsx's loader in the worker first, since workers do not inherit it.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** A worker running the module `name` that sits next to the module at `beside` (its import.meta.url). */
export function startModuleWorker(beside: string, name: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const here = fileURLToPath(beside);
  const ext = path.extname(here);
  const entry = path.join(path.dirname(here), `${name}${ext}`);
  const options = { workerData, ...(resourceLimits ? { resourceLimits } : {}) };
  if (ext !== '.ts') return new Worker(entry, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(entry).href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}
