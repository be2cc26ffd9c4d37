/**
 * The scenario language of the cluster accounting law (spec/cluster/accounting-law.spec.ts,
 * and its regressions): tells between three nodes, crashes, short partitions and waits, run
 * on one memory network in virtual time, then the law checked message by message.
 */
import { expect } from 'chai';
import { Child, On, Supervisor } from '../../lib';
import type { Context } from '../../lib';
import { Counter, Numbered, handled } from './numbered';
import { FAILURE_TIMEOUT, HEARTBEAT, cluster } from './support';
import type { Cluster } from './support';

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

export const NODES = ['a', 'b', 'c'];

/** The longest blip: with a heartbeat's slack on each side, still shorter than failureTimeoutMs. */
export const LONGEST_BLIP = FAILURE_TIMEOUT - 2 * HEARTBEAT;

export type Step =
  | { kind: 'tell'; from: number; to: number; relayed: boolean }
  | { kind: 'crash'; node: number }
  | { kind: 'blip'; a: number; b: number; ms: number }
  | { kind: 'wait'; ms: number };

/**
 * Runs `steps` on a fresh three-node cluster, lets every link settle, and asserts that each
 * message between nodes that stay up was handled or dead-lettered exactly once (at most once
 * each, and not neither, where its sender or receiver crashed).
 */
export async function runAccounting(steps: readonly Step[]): Promise<void> {
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
      // A blip is one short partition: the pair hears each other again (a heartbeat each way)
      // before the next step, or two blips in a row would be one partition longer than
      // failureTimeoutMs, after which the sender rightly declares the receiver down.
      await c.advance(HEARTBEAT);
    } else {
      await c.advance(s.ms);
    }
  }
  // long enough for every node to notice every crash, and every link to settle
  await c.advance(FAILURE_TIMEOUT + 4 * HEARTBEAT);
  await c.until(() => [...sentBetween.keys()].every((id) => handled.has(id) || deadLettered(c, id).length > 0));
  for (const [id, [from, to]] of sentBetween) {
    const h = handled.get(id) ?? 0;
    const reasons = deadLettered(c, id);
    const d = reasons.length;
    const where = `message ${id} from ${from} to ${to} (handled ${h}, dead-lettered ${d}${d > 0 ? ` ${reasons.join(',')}` : ''}, crashed: ${[...crashed].join(',') || 'none'})`;
    if (crashed.has(from) || crashed.has(to)) {
      expect(h <= 1 && d <= 1 && h + d >= 1, where).to.equal(true);
    } else {
      expect(h + d, where).to.equal(1);
    }
  }
  for (const node of NODES) c.at(node).system.kill();
  c.nodes.clear();
}

/** The reasons of the dead letters of message `id`, over every node. */
function deadLettered(c: Cluster, id: number): string[] {
  const reasons: string[] = [];
  for (const h of c.nodes.values()) {
    for (const d of h.deadLetters) {
      const m = d.message as unknown;
      if ((m instanceof Numbered && m.id === id) || (Array.isArray(m) && m[1] === id)) reasons.push(d.reason);
    }
  }
  return reasons;
}
