/**
 * The handler table caches its choice per message prototype, a value users control. The cache
 * must not change what matches (a prototype chain changed after the first lookup still matches
 * by the chain it has now) and must not keep message prototypes alive for ever.
 */
import { expect } from 'chai';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { Child, On, Otherwise, Supervisor } from '../../lib';
import type { ActorRef } from '../../lib';
import { killLeftovers, refAt, shutdown, startSystem } from './helpers';

class A {}
class B {}

class Matcher {
  @On(A)
  a(): string {
    return 'A';
  }

  @On(B)
  b(): string {
    return 'B';
  }

  @Otherwise()
  other(): string {
    return 'other';
  }
}

@Supervisor()
class App {
  @Child(Matcher) matcher!: ActorRef;
}

describe('regressions (hunt): the per-prototype handler cache', function () {
  this.timeout(5000);
  afterEach(killLeftovers);

  it('matches by the prototype chain a message has now, after that chain was changed', async () => {
    const h = await startSystem(App);
    const matcher = refAt(h.system, '/app/matcher');
    class Message {}
    Object.setPrototypeOf(Message.prototype, A.prototype);
    expect(await matcher.ask(new Message())).to.equal('A');
    Object.setPrototypeOf(Message.prototype, B.prototype);
    expect(new Message()).to.be.instanceOf(B);
    expect(await matcher.ask(new Message())).to.equal('B');
    await shutdown(h);
  });

  it('matches Object.create(null) messages with @Otherwise (guard)', async () => {
    const h = await startSystem(App);
    expect(await refAt(h.system, '/app/matcher').ask(Object.create(null))).to.equal('other');
    await shutdown(h);
  });

  it('keeps no message prototype alive once its messages are handled', async function () {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const h = await startSystem(App);
    const matcher = refAt(h.system, '/app/matcher');
    const sent: Array<WeakRef<object>> = [];
    const control: Array<WeakRef<object>> = [];
    for (let i = 0; i < 50; i++) {
      const prototype = {};
      sent.push(new WeakRef(prototype));
      control.push(new WeakRef({}));
      expect(await matcher.ask(Object.create(prototype))).to.equal('other');
    }
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
    gc();
    if (control.some((ref) => ref.deref() !== undefined)) this.skip(); // this V8 did not collect: inconclusive
    // V8 itself keeps the last prototype it saw alive for a while (its inline caches; plain JS
    // code without rampart shows the same), so one survivor is the engine's, not a cache's.
    expect(sent.filter((ref) => ref.deref() !== undefined).length, 'prototypes still alive').to.be.at.most(1);
    await shutdown(h);
  });
});
