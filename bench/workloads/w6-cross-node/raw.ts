/**
 * W6 raw limit: bare NATS, with `@nats-io/transport-node` (the client rampart's transport
 * uses), the least each figure can cost on this server.
 *
 * Request/reply is NOT `nc.request()`: that one arms a timer, builds an error object for
 * async stack traces and races two promises per request. A cluster transport has one reply
 * subscription (its node's inbox) and matches replies by a correlation id in the frame,
 * which is what this does: one subscription on `inbox`, a `Map` from id to resolver, and
 * the id in the payload (`id|value`), echoed back by node b.
 *
 * - one-way: `nc.publish` to a subject with one counting subscriber on node b;
 * - queue: `nc.publish` to a subject on which node b has two subscriptions in one queue
 *   group (the server hands each message to one of them); both must have received some.
 * The counts are read back with the same request scheme.
 */
import type { Msg, NatsConnection } from '@nats-io/nats-core/lib/mod';
import { connect } from '@nats-io/transport-node';
import type { Measurement } from '../../types';
import { nodeB } from './environment';
import {
  IN_FLIGHT,
  IN_FLIGHT_REQUESTS,
  inFlight,
  ONE_WAY,
  oneWay,
  QUEUED,
  SEQUENTIAL,
  sequential,
  type Closer,
} from './shared';

const ECHO = 'w6.raw.echo';
const TICKS = 'w6.raw.ticks';
const WORK = 'w6.raw.work';
const READ = 'w6.raw.read';
const QUEUE_GROUP = 'w6-workers';

/** `id|body` → [id, body]. */
function split(text: string): [number, string] {
  const bar = text.indexOf('|');
  return [Number(text.slice(0, bar)), text.slice(bar + 1)];
}

/** Request/reply over one reply subscription, with correlation ids. */
class Requester {
  private nextId = 0;
  private readonly pending = new Map<number, (body: string) => void>();
  private readonly inbox: string;

  constructor(private readonly nc: NatsConnection) {
    this.inbox = `w6.raw.inbox.${nc.info?.client_id ?? process.pid}`;
    nc.subscribe(this.inbox, { callback: (_error, msg) => this.reply(msg) });
  }

  request(subject: string, body: string): Promise<string> {
    const id = this.nextId++;
    return new Promise<string>((resolve) => {
      this.pending.set(id, resolve);
      this.nc.publish(subject, `${id}|${body}`, { reply: this.inbox });
    });
  }

  private reply(msg: Msg): void {
    const [id, body] = split(msg.string());
    const resolve = this.pending.get(id);
    if (resolve === undefined) throw new Error(`raw-nats: a reply to no request (${id})`);
    this.pending.delete(id);
    resolve(body);
  }
}

export async function rawNats(): Promise<Measurement> {
  const url = await nodeB('raw-nats');
  const nc: NatsConnection = await connect({ servers: url, name: 'w6-raw-a' });
  try {
    const requester = new Requester(nc);
    await nc.flush();
    const echo = async (value: number) => Number(await requester.request(ECHO, String(value)));
    const ticks = async () => Number(await requester.request(READ, 'ticks'));
    const work = async () => (await requester.request(READ, 'work')).split(',').map(Number);

    const seq = await sequential(SEQUENTIAL, echo);
    const inflightOpsPerSec = await inFlight(IN_FLIGHT_REQUESTS, IN_FLIGHT, echo);
    const oneWayOpsPerSec = await oneWay(ONE_WAY, await ticks(), (i) => nc.publish(TICKS, String(i)), ticks);
    const before = await work();
    const sum = async () => (await work()).reduce((a, b) => a + b, 0);
    const queueOpsPerSec = await oneWay(QUEUED, before[0] + before[1], (i) => nc.publish(WORK, String(i)), sum);
    const after = await work();
    if (after[0] === before[0] || after[1] === before[1]) {
      throw new Error(`verification failed: one queue subscriber received nothing (${after[0] - before[0]} / ${after[1] - before[1]})`);
    }
    return {
      seqOpsPerSec: seq.opsPerSec,
      seqP99Us: seq.p99Us,
      inflightOpsPerSec,
      oneWayOpsPerSec,
      queueOpsPerSec,
    };
  } finally {
    await nc.close();
  }
}

/** Node b: the echo, the counting subscriber, the two queue subscribers and the count reads. */
export async function serve(url: string): Promise<Closer> {
  const nc: NatsConnection = await connect({ servers: url, name: 'w6-raw-b' });
  let ticks = 0;
  const work = [0, 0];
  nc.subscribe(ECHO, {
    callback: (_error, msg) => {
      msg.respond(msg.data);
    },
  });
  nc.subscribe(TICKS, {
    callback: () => {
      ticks++;
    },
  });
  for (const i of [0, 1]) {
    nc.subscribe(WORK, {
      queue: QUEUE_GROUP,
      callback: () => {
        work[i]++;
      },
    });
  }
  nc.subscribe(READ, {
    callback: (_error, msg) => {
      const [id, what] = split(msg.string());
      msg.respond(`${id}|${what === 'ticks' ? ticks : work.join(',')}`);
    },
  });
  await nc.flush();
  return () => nc.close();
}
