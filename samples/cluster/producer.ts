/**
 * The producer node of the word count: `ts-node samples/cluster/producer.ts <nats url>`.
 * It sends every line to the distributor 'count' (an ask to one member of the whole
 * cluster), 16 in flight, and prints `halfway` when half the lines are counted. A line
 * whose worker node dies is rejected with `UnreachableError` at once (never lost), and is
 * sent again to a member that is still up.
 */
import { ActorSystem, UnreachableError, natsTransport } from '../../lib';
import { CountLine, ProducerNode, corpus } from './protocol';

async function main(): Promise<void> {
  const [servers] = process.argv.slice(2);
  const system = await ActorSystem.start(ProducerNode, {
    name: 'producer',
    logger: null,
    cluster: { transport: natsTransport({ servers }), node: 'producer', heartbeatIntervalMs: 250, failureTimeoutMs: 1500 },
  });
  system.events$.subscribe((e) => {
    if (e.type === 'node-up' || e.type === 'node-down') console.log(`event: ${e.type} ${e.node}${e.reason ? ` (${e.reason})` : ''}`);
  });
  system.deadLetters$.subscribe((d) => console.log(`dead letter: ${d.reason} ${d.path} line ${(d.message as CountLine).index}`));
  while (system.nodes().length < 3) await new Promise((resolve) => setTimeout(resolve, 50));
  await new Promise((resolve) => setTimeout(resolve, 400)); // a heartbeat with both workers' memberships

  const lines = corpus(600);
  const total = new Map<string, number>();
  const count = system.distributor<CountLine>('count');
  let done = 0;
  let retries = 0;
  let next = 0;
  const countLine = async (index: number): Promise<void> => {
    for (;;) {
      try {
        const pairs = await count.ask<[string, number][]>(new CountLine(index, lines[index]), { timeoutMs: 10_000 });
        for (const [word, n] of pairs) total.set(word, (total.get(word) ?? 0) + n);
        if (++done === lines.length / 2) console.log('halfway');
        return;
      } catch (error) {
        if (!(error instanceof UnreachableError)) throw error;
        retries++;
        console.log(`line ${index}: ${error.message.split(',')[0]}; sending it again`);
      }
    }
  };
  const lane = async (): Promise<void> => {
    while (next < lines.length) await countLine(next++);
  };
  await Promise.all(Array.from({ length: 16 }, lane));

  const expected = new Map<string, number>();
  for (const line of lines) for (const word of line.split(' ')) expected.set(word, (expected.get(word) ?? 0) + 1);
  const same = expected.size === total.size && [...expected].every(([word, n]) => total.get(word) === n);
  const words = [...total.values()].reduce((a, b) => a + b, 0);
  console.log(`counted ${words} words in ${lines.length} lines (${retries} lines sent again); cluster now: ${system.nodes().join(', ')}`);
  console.log(same ? 'the count matches a local count: nothing was lost, nothing counted twice' : 'MISMATCH with the local count');
  await system.shutdown();
  process.exit(same ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
