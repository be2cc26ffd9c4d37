import { expect } from 'chai';
import { MessagePort } from 'node:worker_threads';
import { Actor, Child, Message, On, SerializationError, Supervisor } from '../../lib';
import type { ActorRef, Context } from '../../lib';
import { killLeftovers, startSystem, type Harness } from '../support/harness';
import { Count, Forward, Hello, Here, Probe, Slow, TellBack, WhereAreYou } from './fixtures/actors';
import { PollCounter } from './fixtures/poll-actors';

/** Known on the main thread only: no module a worker loads defines it. */
@Message('spec.threads.messaging.main-only')
class MainOnly {}

/** Asks a main-thread actor what it was told. */
class Heard {}

/** Counts the main thread's `postMessage` calls on every port until `stop()`. */
function countPosts(): { readonly count: number; stop(): void } {
  const post = MessagePort.prototype.postMessage;
  let count = 0;
  MessagePort.prototype.postMessage = function (this: MessagePort, ...args: Parameters<MessagePort['postMessage']>) {
    count++;
    return post.apply(this, args);
  };
  return {
    get count() {
      return count;
    },
    stop: () => {
      MessagePort.prototype.postMessage = post;
    },
  };
}

/** A main-thread actor that answers asks and records what it is told. */
@Actor()
class Local {
  readonly heard: string[] = [];

  @On(Hello)
  hello(message: Hello, ctx: Context): string {
    return `hello ${message.name}, from ${ctx.path}`;
  }

  @On(String)
  heardIt(text: string): void {
    this.heard.push(text);
  }

  @On(Heard)
  told(): string[] {
    return this.heard;
  }
}

@Supervisor()
class TwoThreads {
  @Child(Local)
  local!: ActorRef;

  @Child(Probe, { thread: true })
  a!: ActorRef;

  @Child(Probe, { thread: true })
  b!: ActorRef;
}

describe('threads: messages', function () {
  this.timeout(20000);
  // One system for every test here: each worker costs a ts-node start of its own.
  let h: Harness;
  before(async () => {
    h = await startSystem(TwoThreads);
  });
  after(async () => {
    killLeftovers();
  });
  beforeEach(() => {
    h.events.length = 0;
    h.deadLetters.length = 0;
  });

  it('reaches a thread actor from main, and another thread actor from a worker, by ask and by tell', async () => {
    const a = h.system.lookupActor('/app/a')!;
    const b = h.system.lookupActor('/app/b')!;
    const local = h.system.lookupActor('/app/local')!;
    const [hereA, hereB] = await Promise.all([a.ask<Here>(new WhereAreYou()), b.ask<Here>(new WhereAreYou())]);
    expect(hereA.threadId).to.not.equal(hereB.threadId);

    // a (on its worker) asks b (on another worker), and answers with b's answer
    const viaA = await a.ask<Here>(new Forward(b, new WhereAreYou()));
    expect(viaA).to.be.instanceOf(Here);
    expect(viaA.threadId).to.equal(hereB.threadId);
    expect(viaA.path).to.equal('/app/b');

    // a worker asks a main-thread actor: the reply comes back across
    expect(await a.ask(new Forward(local, new Hello('a')))).to.equal('hello a, from /app/local');

    // a tell from a worker to a main-thread actor, with the ref inside the message
    b.tell(new TellBack(local, 'hi'));
    await b.ask(new WhereAreYou()); // b handled the tell before this ask
    expect(await local.ask(new Heard())).to.deep.equal(['hi from /app/b']);
    expect(h.events.filter((e) => e.type === 'failed')).to.deep.equal([]);
  });

  it('sets ctx.sender to the asker, across threads', async () => {
    const a = h.system.lookupActor('/app/a')!;
    const b = h.system.lookupActor('/app/b')!;
    // b echoes (its @Otherwise) what a forwards: a's ask carries a as its sender
    expect(await a.ask(new Forward(b, 'ping'))).to.equal('ping');
  });

  it('round-trips what the wire codec carries: @Message instances, refs, dates, bigints, bytes, undefined', async () => {
    const a = h.system.lookupActor('/app/a')!;
    const local = h.system.lookupActor('/app/local')!;
    const value = { hello: new Hello('x'), ref: local, at: new Date(5), big: 12n, bytes: new Uint8Array([1, 2, 3]), nothing: undefined, list: [1, 'two', null] };
    const back = await a.ask<typeof value>(value);
    expect(back.hello).to.be.instanceOf(Hello);
    expect(back.hello.name).to.equal('x');
    expect(back.ref.address).to.equal(local.address);
    expect(await back.ref.ask(new Hello('ref'))).to.equal('hello ref, from /app/local');
    expect(back.at).to.be.instanceOf(Date);
    expect(back.at.getTime()).to.equal(5);
    expect(back.big).to.equal(12n);
    expect([...back.bytes]).to.deep.equal([1, 2, 3]);
    expect('nothing' in back).to.equal(true);
    expect(back.list).to.deep.equal([1, 'two', null]);
  });

  it('dead-letters a @Message the worker does not know as rejected, and the ask says what to import', async () => {
    const a = h.system.lookupActor('/app/a')!;
    const error = await a.ask(new MainOnly()).then(() => undefined, (e: unknown) => e);
    expect(error).to.be.instanceOf(SerializationError);
    expect((error as Error).message).to.match(/unknown @Message 'spec\.threads\.messaging\.main-only'.*import the class in the module of the actor/);
    expect(h.deadLetters.map((d) => [d.reason, d.path])).to.deep.equal([['rejected', '/app/a']]);
    expect(h.deadLetters[0].message).to.be.instanceOf(MainOnly);
    expect(await a.ask('next')).to.equal('next');
  });

  it('throws SerializationError at the sender for what cannot cross, and sends nothing', async () => {
    const a = h.system.lookupActor('/app/a')!;
    expect(() => a.tell({ callback: () => 1 })).to.throw(SerializationError, /callback: a function cannot cross the wire/);
    expect(() => a.ask(new (class Plain {})())).to.throw(SerializationError);
    expect(h.deadLetters).to.deep.equal([]);
    expect(await a.ask('still fine')).to.equal('still fine');
  });

  it('refills the letters of a busy worker in batches, not one post per letter', async () => {
    const a = h.system.lookupActor('/app/a')!;
    const range = (n: number) => Array.from({ length: n }, (_, i) => i);
    // The letters in flight follow the handlers' pace: a first burst teaches it ~2 ms letters.
    await Promise.all(range(8).map((i) => a.ask(new Slow(i, 2))));
    const posts = countPosts();
    let answers: number[];
    try {
      answers = await Promise.all(range(40).map((i) => a.ask<number>(new Slow(i, 2))));
    } finally {
      posts.stop();
    }
    expect(answers).to.deep.equal(range(40));
    // Refilled one by one, each of the 40 letters was a post of its own (41 posts: ~60–200 µs
    // each, and each wakes the worker); refilled half a window at a time (2 of 4 letters or
    // more), about 20.
    expect(posts.count).to.be.at.most(24);
  });

  it('has a worker poll its port after it answers, before it sleeps, on a machine with more than one core', async () => {
    const counter = h.system.spawn(PollCounter, { thread: true, name: 'poll-counter' });
    try {
      let answer: [number, number] = [0, 0];
      for (let i = 0; i < 20; i++) answer = await counter.ask<[number, number]>(new Count());
      const [polls, cores] = answer;
      // Each answer is followed by at least one poll at the end of the worker's turn (every
      // 8th post once polls keep missing); with one core, none.
      if (cores > 1) expect(polls).to.be.at.least(2);
      else expect(polls).to.equal(0);
    } finally {
      await counter.stop();
    }
  });
});
