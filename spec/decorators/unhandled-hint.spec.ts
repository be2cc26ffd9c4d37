import { expect } from 'chai';
import { On, UnhandledMessageError } from '../../lib';
import { recordingLogger, startRoot, startWith } from './support';

class Ping {}
class Pong {}

class PingOnly {
  @On(Ping) ping() {
    return 'pong';
  }
}

async function unhandledAsk(message: unknown): Promise<UnhandledMessageError> {
  const { system, ref } = await startWith(PingOnly);
  try {
    await ref.ask(message);
  } catch (error) {
    expect(error).to.be.instanceOf(UnhandledMessageError);
    return error as UnhandledMessageError;
  } finally {
    await system.shutdown();
  }
  throw new Error('expected the ask to reject with UnhandledMessageError');
}

describe('the unhandled-message hint writes valid code', () => {
  const primitives: ReadonlyArray<[unknown, string]> = [
    [42, 'Number'],
    ['text', 'String'],
    [true, 'Boolean'],
    [10n, 'BigInt'],
    [Symbol('s'), 'Symbol'],
  ];
  for (const [message, wrapper] of primitives) {
    it(`says Add @On(${wrapper}) for a ${typeof message}, never @On(${typeof message})`, async () => {
      const error = await unhandledAsk(message);
      expect(error.message).to.include(`Add @On(${wrapper}) to a method of PingOnly`);
      expect(error.message).to.not.include(`@On(${typeof message})`);
    });
  }

  it('names the class of an object message: Add @On(Pong)', async () => {
    const error = await unhandledAsk(new Pong());
    expect(error.message).to.include('no @On handler for Pong').and.to.include('Add @On(Pong) to a method of PingOnly');
  });

  for (const [label, message] of [
    ['null', null],
    ['undefined', undefined],
    ['an object with a null prototype', Object.create(null)],
  ] as const) {
    it(`suggests @Otherwise() for ${label}, which no @On can match`, async () => {
      const error = await unhandledAsk(message);
      expect(error.message).to.include('@Otherwise()').and.to.include('PingOnly');
      expect(error.message).to.not.match(/@On\((null|undefined|Object|)\)/);
    });
  }

  it("is in the log line of the dead letter too (debug level, as every dead letter)", async () => {
    const logger = recordingLogger();
    const system = await startRoot(PingOnly, { logger });
    system.root.tell(7);
    await system.shutdown();
    const line = logger.calls.debug.find((l) => l.includes("dead letter 'unhandled'"));
    expect(line, JSON.stringify(logger.calls.debug)).to.be.a('string');
    expect(line).to.include('/app').and.to.include('Add @On(Number)');
    expect(logger.calls.error).to.deep.equal([]);
  });
});
