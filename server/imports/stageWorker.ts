// Worker-thread entry for staging a large import (server/imports/stage.ts, stageInWorker).
import { parentPort, workerData } from 'node:worker_threads';
import { runStageWorker } from './stage.js';

if (!parentPort) throw new Error('stageWorker runs in a worker thread');
await runStageWorker(parentPort, workerData as Parameters<typeof runStageWorker>[1]);
