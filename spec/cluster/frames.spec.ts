import { expect } from 'chai';
import { Child, Message, Otherwise, Supervisor } from '../../lib';
import type { ActorRef } from '../../lib';
import { killLeftovers } from '../support/harness';
import { cluster } from './support';

const handled: unknown[] = [];

class Sink {
  @Otherwise()
  any(message: unknown): void {
    handled.push(message);
  }
}

@Supervisor()
class App {
  @Child(Sink) sink!: ActorRef;
}

@Message('spec.frames.known')
class Known {
  constructor(readonly n: number) {}
}

/** The incarnation of a node, read from its cluster layer (white box: a forged packet needs it). */
function incarnationOf(system: unknown): string {
  return (system as { cluster: { incarnation: string } }).cluster.incarnation;
}

function packet(from: string, fromIncarnation: string, to: string, letters: unknown[], seq = 1): string {
  return JSON.stringify({ v: 1, k: 'p', n: from, i: fromIncarnation, t: to, s: seq, a: 0, l: letters });
}

describe('frames from the wire (memory transport)', () => {
  beforeEach(() => (handled.length = 0));
  afterEach(killLeftovers);

  const cases: [string, string | Uint8Array, string][] = [
    ['not JSON', 'this is {not json', 'not JSON'],
    ['bytes that are not UTF-8', new Uint8Array([0xff, 0xfe, 0x00]), 'not JSON'],
    ['a frame of an unknown version', JSON.stringify({ v: 99, k: 'h', n: 'x', i: 'y' }), 'unknown version 99 (this node speaks 1)'],
    ['a frame with a __proto__ key', '{"v":1,"k":"h","n":"x","i":"y","up":[],"d":[],"__proto__":{"polluted":true}}', 'forbidden key at __proto__'],
    ['a frame with a constructor key deep inside', '{"v":1,"k":"h","n":"x","i":"y","up":[],"d":[],"x":[{"constructor":{"prototype":1}}]}', 'forbidden key at x[0].constructor'],
    ['a frame of an unknown kind', JSON.stringify({ v: 1, k: 'zzz', n: 'x', i: 'y' }), 'unknown frame kind "zzz"'],
    ['a malformed heartbeat', JSON.stringify({ v: 1, k: 'h', n: 'x', i: 'y', up: 'all' }), 'malformed heartbeat'],
  ];
  for (const [what, frame, reason] of cases) {
    it(`drops ${what} with a frame-rejected event and a dead letter rejected`, async () => {
      const c = cluster();
      const b = await c.start('b', App);
      c.network.inject('b', frame);
      await c.until(() => b.deadLetters.length > 0, 10);
      const rejected = b.events.filter((e) => e.type === 'frame-rejected');
      expect(rejected.map((e) => e.reason)).to.deep.equal([reason]);
      expect(b.deadLetters.map((d) => [d.reason, d.message])).to.deep.equal([['rejected', undefined]]);
      expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
      expect(b.system.nodes()).to.deep.equal(['b']);
      await c.end();
    });
  }

  it('drops an oversized frame before parsing it', async () => {
    const c = cluster();
    const b = await c.start('b', App, { maxFrameBytes: 2048 });
    c.network.inject('b', 'x'.repeat(4000));
    await c.until(() => b.deadLetters.length > 0, 10);
    expect(b.events.filter((e) => e.type === 'frame-rejected').map((e) => e.reason)).to.deep.equal([
      'oversized: 4000 bytes, more than maxFrameBytes (2048)',
    ]);
    await c.end();
  });

  it('drops a letter that names an unknown @Message, and still delivers the letters around it', async () => {
    const c = cluster();
    const b = await c.start('b', App);
    const frame = packet('mallory', 'm1', incarnationOf(b.system), [
      [0, '/app/sink', 0, { $: 'msg', n: 'spec.frames.known', f: { n: 1 } }],
      [0, '/app/sink', 0, { $: 'msg', n: 'no.such.message', f: {} }],
      [0, '/app/sink', 0, 'plain'],
    ]);
    c.network.inject('b', frame);
    await c.until(() => handled.length === 2);
    expect(handled[0]).to.be.instanceOf(Known);
    expect(handled[1]).to.equal('plain');
    expect(b.events.filter((e) => e.type === 'frame-rejected').map((e) => [e.node, e.reason])).to.deep.equal([
      ['mallory', "unknown @Message 'no.such.message'"],
    ]);
    expect(b.deadLetters.map((d) => [d.reason, d.path, d.message])).to.deep.equal([['rejected', '/app/sink', undefined]]);
    await c.end();
  });
});
