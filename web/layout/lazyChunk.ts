// Loading a part of the app on demand (pages, the signed-in shell) without ever reloading into
// the browser's own error page: when a chunk cannot be fetched, the app reloads once only if the
// server answers (a new release replaced the chunk); otherwise the route's error element says the
// network is unavailable and offers to retry (RouteError.tsx).
import { lazy, type ComponentType } from 'react';

const RELOADED_KEY = 'qudi.chunkReload';

/** A chunk that could not be fetched (the network, or a release that replaced it). */
export class ChunkLoadError extends Error {
  constructor(override readonly cause: unknown) {
    super('chunk load failed');
  }
}

/** Whether the server answers now (a quick request that no cache answers). */
export async function serverReachable(timeoutMs = 5000): Promise<boolean> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return false;
  try {
    const res = await fetch('/api/health', { cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) });
    return res.status < 500 || res.status === 503;
  } catch {
    return false;
  }
}

/** React.lazy for a module's default export, with the behaviour above. */
export function lazyChunk<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  return lazy(async () => {
    try {
      const m = await load();
      sessionStorage.removeItem(RELOADED_KEY);
      return m;
    } catch (err) {
      if (!sessionStorage.getItem(RELOADED_KEY) && (await serverReachable())) {
        sessionStorage.setItem(RELOADED_KEY, '1');
        window.location.reload();
        return new Promise<never>(() => {});
      }
      throw new ChunkLoadError(err);
    }
  });
}
