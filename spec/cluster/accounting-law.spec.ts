import { expect } from 'chai';
import fc from 'fast-check';
import { Child, On, Supervisor } from '../../lib';
import type { Context } from '../../lib';
import { Counter, Numbered, handled } from './numbered';
import { killLeftovers } from '../support/harness';
import { FAILURE_TIMEOUT, HEARTBEAT, cluster } from './support';

/** Relays to another node's counter from inside an actor, so the letters have a sender. */
class Relay {
  @On(Array)
  relay([node, id]: [string, number], ctx: Context): void {
    ctx.system.lookupActor(`rampart://${node}/app/counter`)!.tell(new Numbered(id));
  }
}

@Supervisor()
class App {
  @Child(Counter) counter!: unknown;
  @Child(Relay) relay!: unknown;
}

const NODES = ['a', 'b', 'c'];

type Step =
  | { kind: 'tell'; from: number; to: number; relayed: boolean }
  | { kind: 'crash'; node: number }
  | { kind: 'blip'; a: number; b: number; ms: number }
  | { kind: 'wait'; ms: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ kind: fc.constant('tell' as const), from: fc.nat(2), to: fc.nat(2), relayed: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('crash' as const), node: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('blip' as const), a: fc.nat(2), b: fc.nat(2), ms: fc.integer({ min: 1, max: FAILURE_TIMEOUT - 2 * HEARTBEAT }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 3 * HEARTBEAT }) }) },
);

describe('the accounting law across a cluster (fast-check, memory transport)', () => {
  afterEach(killLeftovers);

  it('handled + dead-lettered = sent, summed over the nodes, under random crashes and short partitions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 60 }), async (steps) => {
        handled.clear();
        const c = cluster();
        for (const node of NODES) await c.start(node, App);
        const crashed = new Set<string>();
        const sentBetween = new Map<number, [string, string]>();
        let nextId = 0;
        for (const s of steps) {
          if (s.kind === 'tell') {
            const from = NODES[s.from];
            const to = NODES[s.to];
            const id = nextId++;
            sentBetween.set(id, [from, to]);
            const system = c.at(from).system;
            if (s.relayed) system.lookupActor('/app/relay')!.tell([to, id]);
            else system.lookupActor(`rampart://${to}/app/counter`)!.tell(new Numbered(id));
          } else if (s.kind === 'crash') {
            c.network.crash(NODES[s.node]);
            crashed.add(NODES[s.node]);
          } else if (s.kind === 'blip') {
            c.network.partition([NODES[s.a]], [NODES[s.b]]);
            await c.advance(s.ms);
            c.network.heal();
          } else {
            await c.advance(s.ms);
          }
        }
        // long enough for every node to notice every crash, and every link to settle
        await c.advance(FAILURE_TIMEOUT + 4 * HEARTBEAT);
        await c.until(() => [...sentBetween.keys()].every((id) => handled.has(id) || deadLettered(c, id) > 0));
        for (const [id, [from, to]] of sentBetween) {
          const h = handled.get(id) ?? 0;
          const d = deadLettered(c, id);
          const where = `message ${id} from ${from} to ${to} (handled ${h}, dead-lettered ${d}, crashed: ${[...crashed].join(',') || 'none'})`;
          if (crashed.has(from) || crashed.has(to)) {
            expect(h <= 1 && d <= 1 && h + d >= 1, where).to.equal(true);
          } else {
            expect(h + d, where).to.equal(1);
          }
        }
        for (const node of NODES) c.at(node).system.kill();
        c.nodes.clear();
      }),
      { numRuns: 200 },
    );
  });
});

function deadLettered(c: ReturnType<typeof cluster>, id: number): number {
  let n = 0;
  for (const h of c.nodes.values()) {
    for (const d of h.deadLetters) {
      const m = d.message as unknown;
      if ((m instanceof Numbered && m.id === id) || (Array.isArray(m) && m[1] === id)) n++;
    }
  }
  return n;
}
