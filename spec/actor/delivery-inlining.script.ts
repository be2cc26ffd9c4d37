// Run by delivery-inlining.spec.ts with --print-bytecode: one ask, so that V8 compiles
// the mailbox's drain and `deliver`, and prints their bytecode.
import { ActorSystem, On, Supervisor } from '../../lib';

class Tick {}

class Counter {
  @On(Tick)
  tick(): void {}
}

@Supervisor()
class Root {}

void (async () => {
  const system = await ActorSystem.start(Root, { logger: null });
  await system.spawn(Counter).ask(new Tick());
  await system.shutdown();
})();
