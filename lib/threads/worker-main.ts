// The entry of a worker thread that hosts actors (started by `thread.ts`).
import 'reflect-metadata';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { WorkerSetup } from './protocol';
import { WorkerHost } from './worker-host';

if (parentPort === null) throw new Error('rampart: worker-main runs only as a worker thread');
const setup = workerData as WorkerSetup & { port: MessagePort };
new WorkerHost(setup.port, setup);
