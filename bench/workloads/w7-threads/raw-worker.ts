/**
 * The worker thread of W7's raw subjects (started by environment.ts). It gets a
 * `MessagePort` and a mode in `workerData`:
 *
 * - `hash`: each message `[id, seed, rounds]` is one task; it answers `[id, hashTask(…)]`;
 * - `echo`: each message `[id, value]` is posted back as it came.
 *
 * One `postMessage` per message, in both directions: no batching, no credits.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { hashTask } from './shared';

export interface RawWorkerData {
  readonly port: MessagePort;
  readonly mode: 'hash' | 'echo';
}

const { port, mode } = workerData as RawWorkerData;

if (mode === 'hash') {
  port.on('message', ([id, seed, rounds]: [number, number, number]) => port.postMessage([id, hashTask(seed, rounds)]));
} else {
  port.on('message', (message: [number, number]) => port.postMessage(message));
}
