import { expect } from 'chai';
import { ActorSystem, Child, On, Supervisor } from '../../lib';
import type { ActorRef, SystemEvent } from '../../lib';
import { VirtualScheduler, settle } from '../../lib/testing';
import { findNode, record } from './helpers';

describe("a failure of the root's own handler", () => {
  class Boom {}
  class Note {
    constructor(readonly text: string) {}
  }

  it('restarts the root with a fresh subtree, keeps the queues, and the system keeps working', async () => {
    const log: string[] = [];
    class Worker {
      constructor() {
        log.push('construct worker');
      }
      @On(Note) note(note: Note) {
        log.push(`worker ${note.text}`);
        return note.text;
      }
    }
    @Supervisor()
    class App {
      @Child(Worker) worker!: ActorRef;
      constructor() {
        log.push('construct app');
      }
      @On(Boom) boom() {
        log.push('app boom');
        throw new Error('root handler failed');
      }
      @On(Note) note(note: Note) {
        log.push(`app ${note.text}`);
        return `app ${note.text}`;
      }
    }
    const scheduler = new VirtualScheduler();
    const system = await ActorSystem.start(App, { scheduler });
    const events = record(system.events$);
    expect(log).to.deep.equal(['construct app', 'construct worker']);

    system.root.tell(new Boom());
    system.root.tell(new Note('queued'));
    await settle();
    expect(log).to.deep.equal(['construct app', 'construct worker', 'app boom']);

    await scheduler.advanceBy(0);

    const afterRestart = log.slice(3);
    expect(afterRestart[0], 'a new root instance first').to.equal('construct app');
    expect(afterRestart).to.have.members(['construct app', 'construct worker', 'app queued']);
    expect(events.filter((e: SystemEvent) => e.type === 'restarted').map((e) => e.path)).to.include('/app');
    expect(system.tree().restarts).to.equal(1);
    expect(findNode(system.tree(), '/app/worker')).to.not.equal(undefined);
    expect(await system.root.ask(new Note('after'))).to.equal('app after');
    expect(await system.lookup('/app/worker')!.ask(new Note('still here'))).to.equal('still here');
    await system.shutdown();
  });
});
