/**
 * A two-node hello world on a NATS server at NATS_URL (default nats://127.0.0.1:4222).
 *   terminal 1:  npx ts-node samples/cluster/hello.ts alice
 *   terminal 2:  npx ts-node samples/cluster/hello.ts bob alice
 * bob asks alice's greeter across the cluster and prints the answer; alice runs until Ctrl-C.
 */
import { ActorSystem, Child, On, Supervisor, natsTransport } from '../../lib';
import type { Context } from '../../lib';

class Greeter {
  @On(String)
  greet(name: string, ctx: Context): string {
    return `Hello, ${name}! (from ${ctx.self.address}, asked by ${ctx.sender?.address ?? 'someone outside any actor'})`;
  }
}

@Supervisor()
class Hello {
  @Child(Greeter) greeter!: unknown;
}

async function main(): Promise<void> {
  const [node, peer] = process.argv.slice(2);
  if (node === undefined) throw new Error('usage: hello.ts <node> [peer]');
  const system = await ActorSystem.start(Hello, {
    cluster: { transport: natsTransport({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' }), node },
  });
  system.events$.subscribe((e) => e.type.startsWith('node-') && console.log(`${e.type} ${e.node}${e.reason ? ` (${e.reason})` : ''}`));
  console.log(`${node} joined; nodes: ${system.nodes().join(', ')}`);
  process.on('SIGINT', () => void system.shutdown().then(() => process.exit(0)));
  if (peer === undefined) return;
  const greeter = system.lookupActor<string>(`rampart://${peer}/hello/greeter`)!;
  console.log(await greeter.ask(node));
  await system.shutdown();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exit(1);
});
