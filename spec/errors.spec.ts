import { expect } from 'chai';
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
