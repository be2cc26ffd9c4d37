import { expect } from 'chai';
import { On, UnhandledMessageError } from '../../lib';
import { startWith } from './support';

describe('@On with primitive wrappers', () => {
  class Labeller {
    @On(String) text(message: string) {
      return `string:${message}`;
    }
    @On(Number) num(message: number) {
      return `number:${message}`;
    }
    @On(Boolean) flag(message: boolean) {
      return `boolean:${message}`;
    }
    @On(BigInt) big(message: bigint) {
      return `bigint:${message}`;
    }
    @On(Symbol) sym(message: symbol) {
      return `symbol:${message.description}`;
    }
  }

  it('routes each primitive to the handler of its typeof', async () => {
    const { system, ref } = await startWith(Labeller);
    expect(await ref.ask('hi')).to.equal('string:hi');
    expect(await ref.ask(42)).to.equal('number:42');
    expect(await ref.ask(false)).to.equal('boolean:false');
    expect(await ref.ask(7n)).to.equal('bigint:7');
    expect(await ref.ask(Symbol('tag'))).to.equal('symbol:tag');
    await system.shutdown();
  });

  it('runs the matching handler for a tell as well', async () => {
    const ran: string[] = [];
    class Recorder {
      @On(String) text() {
        ran.push('string');
      }
      @On(Number) num() {
        ran.push('number');
      }
      @On(Boolean) flag() {
        ran.push('boolean');
      }
    }
    const { system, ref } = await startWith(Recorder);
    ref.tell(1);
    ref.tell('one');
    ref.tell(true);
    await ref.ask(0);
    expect(ran).to.deep.equal(['number', 'string', 'boolean', 'number']);
    await system.shutdown();
  });

  it('does not match a primitive of another typeof', async () => {
    class StringsOnly {
      @On(String) text() {
        return 'string';
      }
    }
    const { system, ref, deadLetters } = await startWith(StringsOnly);
    let caught: unknown;
    await ref.ask(3).catch((error: unknown) => (caught = error));
    expect(caught).to.be.instanceOf(UnhandledMessageError);
    expect(deadLetters.map((d) => [d.reason, d.message])).to.deep.equal([['unhandled', 3]]);
    await system.shutdown();
  });

  it('infers String / Number / Boolean from a primitive parameter type', async () => {
    class Inferred {
      @On() text(message: string) {
        return `inferred string:${message}`;
      }
      @On() num(message: number) {
        return `inferred number:${message}`;
      }
      @On() flag(message: boolean) {
        return `inferred boolean:${message}`;
      }
    }
    const { system, ref } = await startWith(Inferred);
    expect(await ref.ask('a')).to.equal('inferred string:a');
    expect(await ref.ask(5)).to.equal('inferred number:5');
    expect(await ref.ask(true)).to.equal('inferred boolean:true');
    await system.shutdown();
  });

  it('does not route a plain object to a primitive handler', async () => {
    class Numbers {
      @On(Number) num() {
        return 'number';
      }
    }
    const { system, ref } = await startWith(Numbers);
    let caught: unknown;
    await ref.ask({ value: 1 }).catch((error: unknown) => (caught = error));
    expect(caught).to.be.instanceOf(UnhandledMessageError);
    await system.shutdown();
  });
});
