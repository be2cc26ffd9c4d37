/**
 * Node b of W6, in its own process: `node-b.ts <subject> <nats url>`, forked by
 * environment.ts. Starts that subject's side (the `serve` of raw.ts, moleculer.ts or
 * rampart.ts), reports `{ ready }` or `{ failed }` over IPC, and stops on `{ stop }`. It also
 * exits when node a's process goes away (the IPC channel closes), so it never outlives it.
 */
import type { Closer, NodeBCommand, NodeBKind, NodeBReport } from './shared';

const servers: Record<NodeBKind, (url: string) => Promise<Closer>> = {
  'raw-nats': async (url) => (await import('./raw')).serve(url),
  moleculer: async (url) => (await import('./moleculer')).serve(url),
  rampart: async (url) => (await import('./rampart')).serve(url),
};

function report(message: NodeBReport): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, () => resolve());
  });
}

async function main(): Promise<void> {
  const [kind, url] = process.argv.slice(2) as [NodeBKind, string];
  const serve = servers[kind];
  if (!serve || !url) throw new Error(`node-b: usage node-b.ts <${Object.keys(servers).join('|')}> <nats url>, got ${kind} ${url}`);
  let close: Closer | undefined;
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    // Bounded: node a's side SIGKILLs this process if it takes longer anyway.
    await Promise.race([close?.().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 3000))]);
    process.exit(0);
  };
  process.on('message', (command: NodeBCommand) => {
    if (command.stop) void stop();
  });
  process.on('disconnect', () => void stop());
  close = await serve(url);
  await report({ ready: true });
}

main().catch(async (error: unknown) => {
  await report({ failed: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
