/**
 * W6 for Moleculer 0.14 with its NATS transporter (the `nats` 2 client), JSON serializer,
 * default options otherwise (no request timeout, no retries; the built-in balancer picks
 * node b's endpoint and sends to its own subject). Node a is a broker without services;
 * node b's broker has `w6echo` and `w6counter`.
 *
 * - request/reply: `broker.call('w6echo.echo', { value })`, answered with `ctx.params.value`;
 * - one-way: `broker.emit('w6.tick', …)`, not awaited (fire and forget), counted by the
 *   `w6counter` service's event handler; read back with `broker.call('w6counter.ticks')`;
 * - queue: n/a. An `emit` already goes to one instance per service group (the balanced
 *   form); the suite measures it with one receiving instance, as the one-way figure.
 */
import { ServiceBroker, type Context } from 'moleculer';
import type { Measurement } from '../../types';
import { nodeB } from './environment';
import {
  IN_FLIGHT,
  IN_FLIGHT_REQUESTS,
  inFlight,
  ONE_WAY,
  oneWay,
  SEQUENTIAL,
  sequential,
  until,
  READY_TIMEOUT_MS,
  type Closer,
} from './shared';

interface Value {
  readonly value: number;
}

function broker(nodeID: string, url: string): ServiceBroker {
  return new ServiceBroker({
    namespace: 'w6',
    nodeID,
    transporter: { type: 'NATS', options: { url } },
    serializer: 'JSON',
    logger: false,
  });
}

export async function moleculer(): Promise<Measurement> {
  const url = await nodeB('moleculer');
  const a = broker('a', url);
  await a.start();
  try {
    await a.waitForServices(['w6echo', 'w6counter'], READY_TIMEOUT_MS);
    await until('node b\'s w6.tick listener', () => a.hasEventListener('w6.tick'));
    const echo = (value: number) => a.call<number, Value>('w6echo.echo', { value });
    const ticks = () => a.call<number>('w6counter.ticks');
    let emitFailure: unknown;
    const seq = await sequential(SEQUENTIAL, echo);
    const inflightOpsPerSec = await inFlight(IN_FLIGHT_REQUESTS, IN_FLIGHT, echo);
    const oneWayOpsPerSec = await oneWay(
      ONE_WAY,
      await ticks(),
      (value) => {
        a.emit<Value>('w6.tick', { value }).catch((error: unknown) => (emitFailure ??= error));
      },
      ticks,
    );
    if (emitFailure !== undefined) throw emitFailure;
    return { seqOpsPerSec: seq.opsPerSec, seqP99Us: seq.p99Us, inflightOpsPerSec, oneWayOpsPerSec };
  } finally {
    await a.stop();
  }
}

/** Node b: a broker with the echo and the counter. */
export async function serve(url: string): Promise<Closer> {
  const b = broker('b', url);
  let ticks = 0;
  b.createService({
    name: 'w6echo',
    actions: {
      echo: (ctx: Context<Value>) => ctx.params.value,
    },
  });
  b.createService({
    name: 'w6counter',
    actions: {
      ticks: () => ticks,
    },
    events: {
      'w6.tick': () => {
        ticks++;
      },
    },
  });
  await b.start();
  return () => b.stop();
}
