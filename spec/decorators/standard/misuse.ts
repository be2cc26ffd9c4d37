/**
 * Misused decorators in standard form, each declared only when its function runs.
 * spec/decorators/standard-mode.spec.ts compiles this file without `experimentalDecorators`
 * and compares every error with the one the legacy form gives for the same class.
 */
import { Actor, ActorSystem, Child, On, Otherwise, Supervisor, type ActorClass } from '../../../lib';
import { VirtualScheduler } from '../../../lib/testing';

class Ping {}
class Worker {
  @On(Ping) ping(): void {}
}

/** Declares the class, then starts it as the root: a deferred problem shows at the latest there. */
async function declareAndStart(declare: () => ActorClass): Promise<void> {
  const system = await ActorSystem.start(declare(), { name: 'app', scheduler: new VirtualScheduler() });
  await system.shutdown();
}

export const misuses: Record<string, () => Promise<void>> = {
  untypedOn: () =>
    declareAndStart(() => {
      class Misused {
        @On() greet(_msg: Ping): void {}
      }
      return Misused;
    }),
  staticHandler: () =>
    declareAndStart(() => {
      class Misused {
        @On(Ping) static greet(): void {}
      }
      return Misused;
    }),
  handlerOnField: () =>
    declareAndStart(() => {
      class Misused {
        // @ts-expect-error a handler decorator on a field does not type-check either
        @On(Ping) greet = 1;
      }
      return Misused;
    }),
  twiceTheSameType: () =>
    declareAndStart(() => {
      class Misused {
        @On(Ping) one(): void {}
        @On(Ping) two(): void {}
      }
      return Misused;
    }),
  twoDefaults: () =>
    declareAndStart(() => {
      class Misused {
        @Otherwise() one(): void {}
        @Otherwise() two(): void {}
      }
      return Misused;
    }),
  childNotAClass: () =>
    declareAndStart(() => {
      @Supervisor()
      class Misused {
        @Child(undefined as unknown as ActorClass) worker!: unknown;
      }
      return Misused;
    }),
  childOnActor: () =>
    declareAndStart(() => {
      @Actor()
      class Misused {
        @Child(Worker) worker!: unknown;
      }
      return Misused;
    }),
  badChildOption: () =>
    declareAndStart(() => {
      @Supervisor()
      class Misused {
        @Child(Worker, { restrat: 'permanent' } as never) worker!: unknown;
      }
      return Misused;
    }),
  actorAndSupervisor: () =>
    declareAndStart(() => {
      @Supervisor()
      @Actor()
      class Misused {}
      return Misused;
    }),
  constructorWithoutInject: () =>
    declareAndStart(() => {
      @Supervisor()
      class Misused {
        @Child(Needy) needy!: unknown;
      }
      return Misused;
    }),
};

@Actor()
class Needy {
  constructor(readonly ping: Ping) {}
  @On(Ping) ping2(): void {}
}
