import { expect } from 'chai';
import { On, Otherwise, UnhandledMessageError, type Context, type DeadLetter } from '../../lib';
import { settle } from '../../lib/testing';
import { startWith, WORKER_PATH } from './support';

describe('@Otherwise and unmatched messages', () => {
  class Known {}
  class Stranger {}

  it('receives a told message that no @On matches, with the context', async () => {
    const received: Array<[unknown, string]> = [];
    class Catcher {
      @On(Known) known() {
        received.push(['known', '']);
      }
      @Otherwise() fallback(message: unknown, ctx: Context) {
        received.push([message, ctx.path]);
      }
    }
    const { system, ref, deadLetters } = await startWith(Catcher);
    const stranger = new Stranger();
    ref.tell(stranger);
    ref.tell(new Known());
    ref.tell(17);
    await settle();
    expect(received).to.deep.equal([
      [stranger, WORKER_PATH],
      ['known', ''],
      [17, WORKER_PATH],
    ]);
    expect(deadLetters).to.deep.equal([]);
    await system.shutdown();
  });

  it('replies to an unmatched ask with its return value', async () => {
    class Catcher {
      @Otherwise() fallback(message: unknown) {
        return `caught ${typeof message}`;
      }
    }
    const { system, ref } = await startWith(Catcher);
    expect(await ref.ask(new Stranger())).to.equal('caught object');
    expect(await ref.ask('x')).to.equal('caught string');
    await system.shutdown();
  });

  describe('without @Otherwise', () => {
    class OnlyKnown {
      @On(Known) known() {
        return 'known';
      }
    }

    it('turns an unmatched tell into a dead letter with reason "unhandled"', async () => {
      const { system, ref } = await startWith(OnlyKnown);
      const letters: DeadLetter[] = [];
      const subscription = system.deadLetters$.subscribe((letter) => letters.push(letter));
      const stranger = new Stranger();
      ref.tell(stranger);
      await settle();
      expect(letters).to.have.length(1);
      expect(letters[0].reason).to.equal('unhandled');
      expect(letters[0].message).to.equal(stranger);
      expect(letters[0].path).to.equal(WORKER_PATH);
      subscription.unsubscribe();
      await system.shutdown();
    });

    it('rejects an unmatched ask with UnhandledMessageError and dead-letters it too', async () => {
      const { system, ref, deadLetters } = await startWith(OnlyKnown);
      const stranger = new Stranger();
      let caught: unknown;
      await ref.ask(stranger).then(
        () => undefined,
        (error: unknown) => (caught = error),
      );
      expect(caught).to.be.instanceOf(UnhandledMessageError);
      expect((caught as UnhandledMessageError).code).to.equal('UNHANDLED_MESSAGE');
      await settle();
      expect(deadLetters.map((d) => [d.reason, d.message, d.path])).to.deep.equal([
        ['unhandled', stranger, WORKER_PATH],
      ]);
      await system.shutdown();
    });

    it('does not treat an unhandled message as a failure: the same instance keeps working', async () => {
      const failures: string[] = [];
      let instances = 0;
      class Counting {
        constructor() {
          instances += 1;
        }
        @On(Known) known() {
          return instances;
        }
      }
      const { system, ref } = await startWith(Counting);
      system.events$.subscribe((event) => {
        if (event.type === 'failed' || event.type === 'restarted') failures.push(event.type);
      });
      ref.tell(new Stranger());
      await ref.ask(new Stranger()).catch(() => undefined);
      expect(await ref.ask(new Known())).to.equal(1);
      expect(failures).to.deep.equal([]);
      expect(system.tree().children[0].restarts).to.equal(0);
      await system.shutdown();
    });
  });
});
