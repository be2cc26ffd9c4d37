// The entry of a worker thread that hosts actors (started by `thread.ts`).
import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerSetup } from './protocol';
import { WorkerHost } from './worker-host';

if (parentPort === null) throw new Error('rampart: worker-main runs only as a worker thread');
new WorkerHost(parentPort, workerData as WorkerSetup);
