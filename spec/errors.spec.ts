import { expect } from 'chai';
import fc from 'fast-check';
import {
  ActorStoppedError,
  ActorSystem,
  AskTimeoutError,
  Child,
  ConfigurationError,
  EscalationError,
  MailboxFullError,
  NoRecipientError,
  RampartError,
  StartError,
  Supervisor,
  UnhandledMessageError,
} from '../lib';
import type { ActorRef } from '../lib';
import { VirtualScheduler } from '../lib/testing';
// Internal helpers, not the package's public API.
import { describeError, describeFailure, typeName } from '../lib/errors';
import { describe as describeValue } from '../lib/metadata/naming';

describe('errors', () => {
  const classes: ReadonlyArray<[new (message: string) => RampartError, string]> = [
    [ConfigurationError, 'CONFIGURATION_ERROR'],
    [AskTimeoutError, 'ASK_TIMEOUT'],
    [ActorStoppedError, 'ACTOR_STOPPED'],
    [UnhandledMessageError, 'UNHANDLED_MESSAGE'],
    [MailboxFullError, 'MAILBOX_FULL'],
    [NoRecipientError, 'NO_RECIPIENT'],
    [EscalationError, 'ESCALATION'],
    [StartError, 'START_FAILED'],
  ];

  it('exports RampartError, an Error with the code RAMPART_ERROR', () => {
    const error = new RampartError('something went wrong');

    expect(RampartError).to.be.a('function');
    expect(error).to.be.instanceOf(RampartError).and.to.be.instanceOf(Error);
    expect(error.code).to.equal('RAMPART_ERROR');
    expect(error.name).to.equal('RampartError');
    expect(error.message).to.equal('something went wrong');
  });

  it('keeps each name when a bundler renames the class (EscalationError2), and gives a subclass its own', () => {
    for (const [ErrorClass] of [[RampartError], ...classes]) {
      const renamed = Object.defineProperty(ErrorClass, 'name', { value: `${ErrorClass.name}2`, configurable: true });
      try {
        expect(new renamed('message').name).to.equal(ErrorClass.name.slice(0, -1));
      } finally {
        Object.defineProperty(ErrorClass, 'name', { value: ErrorClass.name.slice(0, -1), configurable: true });
      }
    }
    class QuotaError extends RampartError {}
    class StrictConfigurationError extends ConfigurationError {}
    expect(new QuotaError('over').name).to.equal('QuotaError');
    expect(new StrictConfigurationError('bad').name).to.equal('StrictConfigurationError');
  });

  for (const [ErrorClass, code] of classes) {
    describe(ErrorClass.name, () => {
      it('is exported and extends RampartError and Error', () => {
        expect(ErrorClass).to.be.a('function');
        expect(Object.getPrototypeOf(ErrorClass.prototype)).to.equal(RampartError.prototype);

        const error = new ErrorClass('what, where and how to fix it');

        expect(error).to.be.instanceOf(ErrorClass);
        expect(error).to.be.instanceOf(RampartError);
        expect(error).to.be.instanceOf(Error);
        expect(error.message).to.equal('what, where and how to fix it');
        expect(error.stack).to.be.a('string');
      });

      it(`has the stable code '${code}' and its class name as name`, () => {
        const error = new ErrorClass('message');

        expect(error.code).to.equal(code);
        expect(error.name).to.equal(ErrorClass.name);
        expect(String(error)).to.include(ErrorClass.name);
      });

      it('is not an instance of the other error classes', () => {
        const error = new ErrorClass('message');
        for (const [Other] of classes) {
          if (Other !== ErrorClass) expect(error, Other.name).to.not.be.instanceOf(Other);
        }
      });
    });
  }

  it('passes a cause through', () => {
    const cause = new Error('root cause');

    expect(new RampartError('outer', { cause }).cause).to.equal(cause);
    expect(new AskTimeoutError('outer', { cause }).cause).to.equal(cause);
  });

  it('gives ConfigurationError a list of problems', () => {
    const error = new ConfigurationError('App#worker: bad name');

    expect(error.problems).to.deep.equal(['App#worker: bad name']);
  });

  it('gives a StartError from a failed start its path and its cause', async () => {
    const cause = new Error('cannot connect');
    class Broken {
      beforeStart() {
        throw cause;
      }
    }
    @Supervisor()
    class App {
      @Child(Broken) broken!: ActorRef;
    }

    const error = await ActorSystem.start(App, { scheduler: new VirtualScheduler() }).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(error).to.be.instanceOf(StartError).and.to.be.instanceOf(RampartError).and.to.be.instanceOf(Error);
    const startError = error as StartError;
    expect(startError.code).to.equal('START_FAILED');
    expect(startError.name).to.equal('StartError');
    expect(startError.path).to.equal('/app/broken');
    expect(startError.cause).to.equal(cause);
    expect(startError.message).to.include('/app/broken').and.to.include('cannot connect');
  });
});

/** Values built to break a formatter: every getter, trap and conversion throws. */
function hostileValues(): Array<[string, unknown]> {
  const boom = () => {
    throw new Error('hostile');
  };
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const revokedFunction = Proxy.revocable(function target() {}, {});
  revokedFunction.revoke();
  const messageThrows = new Error('unused');
  Object.defineProperty(messageThrows, 'message', { get: boom });
  const nameThrows = new Error('named');
  Object.defineProperty(nameThrows, 'name', { get: boom });
  const stackThrows = new Error('stacked');
  Object.defineProperty(stackThrows, 'stack', { get: boom });
  const everythingThrows = new Error('all');
  for (const key of ['stack', 'name', 'message', 'cause']) Object.defineProperty(everythingThrows, key, { get: boom });
  const selfCaused = new Error('loop');
  (selfCaused as { cause?: unknown }).cause = selfCaused;
  const hostileCause = new Error('outer', { cause: Object.create(null) });
  const messageObject = new Error('x');
  Object.defineProperty(messageObject, 'message', { value: { toString: boom } });
  const allTraps = new Proxy(
    {},
    { get: boom, getPrototypeOf: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, apply: boom },
  );
  const errorProxy = new Proxy(new Error('proxied'), { get: boom });
  const functionNameThrows = function named() {};
  Object.defineProperty(functionNameThrows, 'name', { get: boom });
  const ctorThrowsOnPrototype = Object.create(Object.defineProperty({}, 'constructor', { get: boom }));
  return [
    ['Object.create(null)', Object.create(null)],
    ['an Error whose message getter throws', messageThrows],
    ['an Error whose name getter throws', nameThrows],
    ['an Error whose stack getter throws', stackThrows],
    ['an Error whose every getter throws', everythingThrows],
    ['an Error that is its own cause', selfCaused],
    ['an Error with a null-prototype cause', hostileCause],
    ['an Error whose message is an object with a throwing toString', messageObject],
    ['a revoked Proxy', revoked.proxy],
    ['a revoked function Proxy', revokedFunction.proxy],
    ['a Proxy whose getPrototypeOf trap throws', new Proxy({}, { getPrototypeOf: boom })],
    ['a Proxy whose every trap throws', allTraps],
    ['a Proxy of an Error whose get trap throws', errorProxy],
    ['an object whose own constructor getter throws', Object.defineProperty({}, 'constructor', { get: boom })],
    ['an object whose prototype`s constructor getter throws', ctorThrowsOnPrototype],
    ['a function whose name getter throws', functionNameThrows],
    ['a symbol', Symbol('sym')],
    ['a bigint', 10n],
    ['an object with a throwing toString', { toString: boom }],
    ['an object with a throwing Symbol.toPrimitive', { [Symbol.toPrimitive]: boom }],
    ['an object with throwing toString, valueOf and toJSON', { toString: boom, valueOf: boom, toJSON: boom }],
    ['an empty string', ''],
    ['an Error with an empty message', new Error('')],
  ];
}

describe('error formatting never throws', () => {
  const formatters: ReadonlyArray<[string, (value: unknown) => string]> = [
    ['describeError', describeError],
    ['describeFailure', describeFailure],
    ['typeName', typeName],
    ['describe (metadata/naming)', describeValue],
  ];

  for (const [label, value] of hostileValues()) {
    it(`formats ${label} with every formatter, to a non-empty string`, () => {
      for (const [name, format] of formatters) {
        let result: unknown;
        expect(() => (result = format(value)), `${name}(${label})`).to.not.throw();
        expect(result, `${name}(${label})`).to.be.a('string').and.to.not.equal('');
      }
    });
  }

  it('returns a non-empty string for any value (property: fc.anything() and hostile values)', () => {
    // Each case is a thunk: fast-check inspects the values it generates, and a revoked Proxy would make it throw.
    const values = hostileValues().map(([, value]) => value);
    const hostile = fc.integer({ min: 0, max: values.length - 1 }).map((index) => () => values[index]);
    const anything = fc
      .anything({
        withBigInt: true,
        withBoxedValues: true,
        withDate: true,
        withMap: true,
        withSet: true,
        withNullPrototype: true,
        withObjectString: true,
        withSparseArray: true,
        withTypedArray: true,
      })
      .map((value) => () => value);
    const thrownErrors = fc
      .tuple(fc.string(), fc.anything())
      .map(([message, cause]) => () => new Error(message, { cause }));
    fc.assert(
      fc.property(fc.oneof(anything, hostile, thrownErrors), (make) => {
        const value = make();
        for (const [, format] of formatters) {
          const result = format(value);
          if (typeof result !== 'string' || result.length === 0) return false;
        }
        return true;
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the usual forms: "Name: message" for an Error, the text of a thrown string', () => {
    expect(describeError(new TypeError('bad input'))).to.equal('TypeError: bad input');
    expect(describeError(new StartError('nope'))).to.equal('StartError: nope');
    expect(describeError('plain text')).to.equal('plain text');
    expect(describeError(42)).to.equal('42');
    expect(typeName(new (class Ping {})())).to.equal('Ping');
    expect(typeName(3)).to.equal('number');
  });

  it('still says what it can of a hostile Error: its class, and that the message could not be read', () => {
    const [, messageThrows] = hostileValues().find(([label]) => label === 'an Error whose message getter throws')!;
    expect(describeError(messageThrows)).to.match(/^Error\b/).and.to.include('message');
  });

  it('describeFailure gives the message, then the stack indented below it, then the cause', () => {
    const cause = new Error('inner');
    const error = new StartError('outer', { cause });
    const text = describeFailure(error);
    const lines = text.split('\n');
    expect(lines[0]).to.equal('StartError: outer');
    expect(lines[1]).to.match(/^ {4}at /);
    expect(lines.filter((l) => /^\S/.test(l)), 'only the first line is not indented').to.have.length(1);
    expect(text).to.match(/\n {4}Caused by: Error: inner\n {8}at /);
  });

  it("describeFailure leaves out an EscalationError's own frames (the runtime's) and shows its cause's", () => {
    const text = describeFailure(new EscalationError('/app/sup gave up', { cause: new Error('user code failed') }));
    const lines = text.split('\n');
    expect(lines[0]).to.equal('EscalationError: /app/sup gave up');
    expect(lines[1]).to.equal('    Caused by: Error: user code failed');
    expect(lines[2]).to.match(/^ {8}at /);
  });
});
