/**
 * Real nats-server processes for the specs: started on a free loopback port, stopped by
 * their PID (never by name: another nats-server may be running on this machine that is
 * not ours). Every server started here is tracked, and any left running is killed in a
 * mocha root `after` hook and, as a last resort, on process exit.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

/** `nats-server` on the PATH, else where the Debian package puts it (/usr/sbin is not on every PATH). */
const CANDIDATES = ['nats-server', '/usr/sbin/nats-server', '/usr/local/bin/nats-server'];
const START_TIMEOUT_MS = 5000;
const STOP_TIMEOUT_MS = 5000;
const LISTENING = /Listening for client connections on [^\s:]+:(\d+)/;

export const NATS_MISSING_MESSAGE =
  'nats-server is not installed: skipping the specs on a real NATS server. Install it with: apt-get install -y nats-server';

export interface NatsServerOptions {
  /** A fixed port; default: a free one chosen by the server (`-p -1`). */
  port?: number;
  user?: string;
  pass?: string;
}

export interface NatsServer {
  /** `nats://127.0.0.1:<port>` (no credentials in it). */
  readonly url: string;
  readonly port: number;
  /** The PID of the running process (a new one after `restart`). */
  readonly pid: number;
  /** Sends `signal` [SIGTERM] and waits (bounded) for the process to exit; SIGKILL if it does not. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Stops the server and starts it again on the same port with the same options. */
  restart(): Promise<void>;
}

const running = new Set<ChildProcess>();

let binary: string | null | undefined;

function findBinary(): string | null {
  if (binary === undefined) {
    binary = null;
    for (const candidate of CANDIDATES) {
      if (candidate.startsWith('/')) {
        try {
          accessSync(candidate, constants.X_OK);
        } catch {
          continue;
        }
      }
      const probe = spawnSync(candidate, ['--version'], { stdio: 'ignore', timeout: 5000 });
      if (probe.error === undefined && probe.status === 0) {
        binary = candidate;
        break;
      }
    }
  }
  return binary;
}

/** True when `nats-server` can be run here. */
export function natsAvailable(): boolean {
  return findBinary() !== null;
}

let warned = false;

/**
 * `describe` for specs that need a real nats-server. Without one installed, it prints one
 * loud line and skips them, unless `RAMPART_REQUIRE_NATS=1` (CI), where they fail.
 */
export function describeWithNats(title: string, fn: (this: Mocha.Suite) => void): Mocha.Suite | void {
  if (natsAvailable()) return describe(title, fn);
  if (process.env.RAMPART_REQUIRE_NATS === '1') {
    return describe(title, () => {
      it('needs nats-server (RAMPART_REQUIRE_NATS=1)', () => {
        throw new Error(NATS_MISSING_MESSAGE.replace('skipping', 'cannot run'));
      });
    });
  }
  if (!warned) {
    warned = true;
    console.warn(`\n*** ${NATS_MISSING_MESSAGE} ***\n`);
  }
  return describe.skip(title, fn);
}

function launch(options: NatsServerOptions): Promise<{ child: ChildProcess; port: number }> {
  const args = ['-a', '127.0.0.1', '-p', String(options.port ?? -1)];
  if (options.user !== undefined) args.push('--user', options.user);
  if (options.pass !== undefined) args.push('--pass', options.pass);
  return new Promise((resolve, reject) => {
    const bin = findBinary();
    if (bin === null) {
      reject(new Error(NATS_MISSING_MESSAGE));
      return;
    }
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let log = '';
    let done = false;
    const finish = (error: Error | undefined, port?: number) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (error === undefined && port !== undefined) {
        // Keep draining the pipes so the server never blocks on a full one.
        child.stdout?.resume();
        child.stderr?.resume();
        resolve({ child, port });
      } else {
        void stop(child, 'SIGKILL');
        reject(error);
      }
    };
    const timer = setTimeout(
      () => finish(new Error(`nats-server ${args.join(' ')} did not report a listening port within ${START_TIMEOUT_MS} ms:\n${log}`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      if (done) return;
      log += chunk.toString();
      const match = LISTENING.exec(log);
      if (match) finish(undefined, Number(match[1]));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error) => finish(error));
    child.once('exit', (code, signal) => {
      running.delete(child);
      finish(new Error(`nats-server ${args.join(' ')} exited (${signal ?? code}) before listening:\n${log}`));
    });
  });
}

/** Sends `signal` and waits for the exit, bounded; escalates to SIGKILL. */
function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    running.delete(child);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const exited = () => {
      if (timer !== undefined) clearTimeout(timer);
      running.delete(child);
      resolve();
    };
    child.once('exit', exited);
    timer = setTimeout(() => {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
      timer = setTimeout(exited, STOP_TIMEOUT_MS);
    }, STOP_TIMEOUT_MS);
    try {
      child.kill(signal);
    } catch {
      exited();
    }
  });
}

/** Starts a nats-server on 127.0.0.1 (a free port unless `options.port`). Rejects after ~5 s. */
export async function startNatsServer(options: NatsServerOptions = {}): Promise<NatsServer> {
  let { child, port } = await launch(options);
  return {
    get url() {
      return `nats://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    get pid() {
      return child.pid ?? -1;
    },
    kill(signal: NodeJS.Signals = 'SIGTERM') {
      return stop(child, signal);
    },
    async restart() {
      await stop(child, 'SIGTERM');
      // The port was just freed; retry briefly in case the OS has not released it yet.
      const deadline = Date.now() + START_TIMEOUT_MS;
      for (;;) {
        try {
          ({ child, port } = await launch({ ...options, port }));
          return;
        } catch (error) {
          if (Date.now() >= deadline) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    },
  };
}

/** Kills every server this process started that is still running. */
export async function killAllNatsServers(): Promise<void> {
  await Promise.all([...running].map((child) => stop(child, 'SIGKILL')));
}

process.once('exit', () => {
  for (const child of running) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
});

// A root hook: registered when mocha loads a spec that imports this module.
if (typeof after === 'function') {
  after('kill leftover nats-server processes', async function () {
    this.timeout(STOP_TIMEOUT_MS * 3);
    await killAllNatsServers();
  });
}
