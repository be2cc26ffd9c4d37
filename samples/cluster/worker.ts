/** A worker node of the word count: `ts-node samples/cluster/worker.ts <nats url> <node name>`. */
import { ActorSystem, natsTransport } from '../../lib';
import { WorkerNode } from './protocol';

async function main(): Promise<void> {
  const [servers, node] = process.argv.slice(2);
  const system = await ActorSystem.start(WorkerNode, {
    name: 'workers',
    logger: null,
    cluster: { transport: natsTransport({ servers }), node, heartbeatIntervalMs: 250, failureTimeoutMs: 1500 },
  });
  console.log(`${node} is up; cluster: ${system.nodes().join(', ')}`);
  process.on('SIGTERM', () => void system.shutdown().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
