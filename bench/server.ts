// The process under test, forked by bench/run.ts so that the load generator does not share its
// event loop. It opens the benchmark database once and serves it twice, on free ports of 127.0.0.1:
//   - the real app (buildApp: cookie session, zod validation, policies, presenter), and
//   - the reference (bench/reference.ts): the same listEnterprises query behind a bare route,
// over the same database handle. The ports are reported to the parent over IPC.
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.js';
import { openTarget, type DataTarget, type ServerMessage } from './lib.js';
import { buildReference } from './reference.js';

const RESOLUTION_MS = 10;

function portOf(app: FastifyInstance): number {
  return (app.server.address() as AddressInfo).port;
}

async function main(): Promise<void> {
  const target = JSON.parse(process.env.QUDI_BENCH_TARGET ?? 'null') as Pick<DataTarget, 'env'> | null;
  if (!target || !process.send) throw new Error('bench/server.ts is started by bench/run.ts');

  const ctx = await openTarget(target, undefined, true);
  const app = await buildApp(ctx, { logger: false, serveWeb: false });
  const ref = await buildReference(ctx);
  await app.listen({ host: '127.0.0.1', port: 0 });
  await ref.listen({ host: '127.0.0.1', port: 0 });

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await Promise.allSettled([app.close(), ref.close()]);
    await ctx.close();
    process.exit(0);
  };
  // The main thread's event-loop delay (what every request waits before it is even looked at),
  // sampled every 10 ms; run.ts resets it before a load and reads it after. The histogram holds
  // the whole interval between samples, so the resolution is taken off: an idle loop reports 0.
  let delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  const ms = (ns: number) => +Math.max(0, ns / 1e6 - RESOLUTION_MS).toFixed(2);
  process.on('message', (m) => {
    if (m === 'stop') void shutdown();
    if (m === 'eld-reset') {
      delay.disable();
      delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
      delay.enable();
    }
    if (m === 'eld-report')
      process.send?.({ type: 'eventLoopDelay', p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max), mean: ms(delay.mean), count: delay.count } satisfies ServerMessage);
  });
  // The parent went away (crash, Ctrl-C): do not linger.
  process.on('disconnect', () => void shutdown());
  process.send({ type: 'ready', appPort: portOf(app), refPort: portOf(ref), pid: process.pid } satisfies ServerMessage);
}

main().catch((err: unknown) => {
  process.send?.({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies ServerMessage);
  process.exit(1);
});
