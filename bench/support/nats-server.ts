/**
 * A real NATS server for W6: Debian's `nats-server`, on 127.0.0.1 and a free port
 * (`-a 127.0.0.1 -p -1`), read from its log line "Listening for client connections on
 * 127.0.0.1:PORT". Stopped by PID (see processes.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { stopProcess, track } from './processes';

export const NATS_SERVER_BINARY = process.env.NATS_SERVER ?? '/usr/sbin/nats-server';

/** How long the server may take to print its listening line. */
const START_TIMEOUT_MS = 10_000;

export interface NatsServer {
  /** e.g. `nats://127.0.0.1:40123`. */
  readonly url: string;
  readonly pid: number;
  /** SIGTERM by PID, bounded wait, then SIGKILL. Never rejects. */
  stop(): Promise<void>;
}

export async function startNatsServer(): Promise<NatsServer> {
  const child: ChildProcess = spawn(NATS_SERVER_BINARY, ['-a', '127.0.0.1', '-p', '-1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const port = await new Promise<number>((resolve, reject) => {
    const fail = (message: string) => {
      clearTimeout(timer);
      reject(new Error(`${message}${log ? `; its log: ${log.trim().split('\n').slice(-3).join(' / ')}` : ''}`));
    };
    const timer = setTimeout(() => fail(`${NATS_SERVER_BINARY} printed no listening line within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /Listening for client connections on [^\s:]+:(\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', (error) => fail(`could not start ${NATS_SERVER_BINARY}: ${error.message}`));
    child.once('exit', (code, signal) => fail(`${NATS_SERVER_BINARY} exited (${signal ?? `code ${code}`}) before listening`));
    try {
      track(child);
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
    }
  }).catch(async (error: unknown) => {
    await stopProcess(child, 2000);
    throw error;
  });
  // Keep draining its output (it logs little; a full pipe would block the server).
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    url: `nats://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: () => stopProcess(child, 3000),
  };
}
