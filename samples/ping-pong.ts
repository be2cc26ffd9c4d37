/**
 * Ping-pong: the actor classic.
 *
 * Two actors exchange `Ping` and `Pong` messages N times. Neither holds the other's ref in a
 * field: each one answers `ctx.sender`, the ref of the actor that sent the current message.
 * A `Referee`, handed to the pinger through constructor injection, blows the whistle at the
 * end so that `main` can print a summary and shut the system down.
 *
 *   npm run sample:ping-pong            # 10 000 rounds
 *   npm run sample:ping-pong -- 50      # 50 rounds
 */
import { performance } from 'node:perf_hooks';
import { Actor, ActorRef, ActorSystem, Child, Context, On, Supervisor } from '../lib';

class Ping {
  constructor(readonly round: number) {}
}
class Pong {
  constructor(readonly round: number) {}
}
/** Asks the pinger to play a rally of `rounds` against `opponent`. */
class Serve {
  constructor(readonly opponent: ActorRef, readonly rounds: number) {}
}

interface Summary {
  rounds: number;
  ms: number;
}

/** A plain service object, registered as a provider and injected into the pinger. */
class Referee {
  private resolve!: (summary: Summary) => void;
  readonly finished = new Promise<Summary>((resolve) => (this.resolve = resolve));
  whistle(summary: Summary): void {
    this.resolve(summary);
  }
}

const ROUNDS = Number(process.argv[2] ?? 10_000);
const shown = (round: number): boolean => round <= 3 || round === ROUNDS;

/** `@Actor()` makes TypeScript emit the constructor's parameter types, for injection. */
@Actor()
class Pinger {
  private rounds = 0;
  private startedAt = 0;

  constructor(private readonly referee: Referee) {}

  @On()
  serve(serve: Serve): void {
    this.rounds = serve.rounds;
    this.startedAt = performance.now();
    serve.opponent.tell(new Ping(1)); // told from a handler: the sender is this actor
  }

  @On()
  pong(pong: Pong, ctx: Context): void {
    if (shown(pong.round)) console.log(`  ${ctx.path} <- Pong(${pong.round}) from ${ctx.sender?.path}`);
    if (pong.round === 3 && this.rounds > 4) console.log('  ...');
    if (pong.round < this.rounds) ctx.sender?.tell(new Ping(pong.round + 1));
    else this.referee.whistle({ rounds: pong.round, ms: performance.now() - this.startedAt });
  }
}

class Ponger {
  @On()
  ping(ping: Ping, ctx: Context): void {
    if (shown(ping.round)) console.log(`  ${ctx.path} <- Ping(${ping.round}) from ${ctx.sender?.path}`);
    ctx.sender?.tell(new Pong(ping.round));
  }
}

@Supervisor()
class Table {
  @Child(Pinger) pinger!: ActorRef<Serve | Pong>;
  @Child(Ponger) ponger!: ActorRef<Ping>;
}

async function main(): Promise<void> {
  if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new RangeError(`rounds must be a positive integer, got ${process.argv[2]}`);
  const referee = new Referee();
  const system = await ActorSystem.start(Table, { name: 'table', providers: [[Referee, referee]] });
  let deadLetters = 0;
  system.deadLetters$.subscribe(() => deadLetters++);

  const pinger = system.lookup('/table/pinger') as ActorRef;
  const ponger = system.lookup('/table/ponger') as ActorRef;
  console.log(`Rally of ${ROUNDS} rounds between ${pinger.path} and ${ponger.path}:`);
  pinger.tell(new Serve(ponger, ROUNDS));

  const { rounds, ms } = await referee.finished;
  const messages = rounds * 2;
  console.log(
    `\n${rounds} rounds, ${messages} messages in ${ms.toFixed(1)} ms` +
      ` (${Math.round(messages / (ms / 1000)).toLocaleString('en-US')} msgs/s), ${deadLetters} dead letters.`,
  );

  await system.shutdown();
  console.log('Game over: system shut down.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
