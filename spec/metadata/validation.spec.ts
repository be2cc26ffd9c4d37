import { expect } from 'chai';
import { Actor, Child, On, Supervisor, type ActorRef } from '../../lib';
import { rejectedAtStart, startRoot } from '../decorators/support';

describe('validation at ActorSystem.start', () => {
  class Ping {}
  class Worker {
    @On(Ping) ping() {
      return 'pong';
    }
  }

  it('gathers a duplicate child name and an unresolvable constructor parameter into one ConfigurationError', async () => {
    class Unregistered {}
    @Actor()
    class NeedsService {
      constructor(_service: Unregistered) {}
    }
    @Supervisor()
    class Team {
      @Child(Worker, { name: 'dup' }) alpha!: ActorRef;
      @Child(Worker, { name: 'dup' }) beta!: ActorRef;
    }
    @Supervisor()
    class App {
      @Child(Team) team!: ActorRef;
      @Child(NeedsService) service!: ActorRef;
    }
    const error = await rejectedAtStart(startRoot(App));
    expect(error.problems).to.be.an('array').with.length.greaterThanOrEqual(2);
    const duplicate = error.problems.filter((p) => p.includes('alpha') && p.includes('beta'));
    const injection = error.problems.filter((p) => p.includes('NeedsService'));
    expect(duplicate, 'one problem names both duplicate properties').to.have.length(1);
    expect(injection, 'one problem names the class with the unresolvable parameter').to.have.length(1);
    expect(duplicate[0]).to.not.equal(injection[0]);
    for (const problem of error.problems) expect(error.message).to.include(problem);
  });

  it('lists every problem of one tree: a stray @Child, a duplicate name and an undecorated class with parameters', async () => {
    class Stray {
      @Child(Worker) lostChild!: ActorRef;
    }
    class NeedsDecorator {
      constructor(readonly value: number) {}
    }
    @Supervisor()
    class App {
      @Child(Stray) stray!: ActorRef;
      @Child(Worker, { name: 'same' }) firstSame!: ActorRef;
      @Child(Worker, { name: 'same' }) secondSame!: ActorRef;
      @Child(NeedsDecorator) needy!: ActorRef;
    }
    const error = await rejectedAtStart(startRoot(App));
    expect(error.problems).to.have.length.greaterThanOrEqual(3);
    expect(error.problems.some((p) => p.includes('Stray') && p.includes('lostChild'))).to.equal(true);
    expect(error.problems.some((p) => p.includes('firstSame') && p.includes('secondSame'))).to.equal(true);
    expect(error.problems.some((p) => p.includes('NeedsDecorator') && p.includes('@Actor'))).to.equal(true);
  });

  it('has a single-entry `problems` array when there is one problem', async () => {
    @Supervisor()
    class App {
      @Child(Worker, { name: 'x' }) left!: ActorRef;
      @Child(Worker, { name: 'x' }) right!: ActorRef;
    }
    const error = await rejectedAtStart(startRoot(App));
    expect(error.problems).to.have.length(1);
    expect(error.problems[0]).to.include('left');
    expect(error.problems[0]).to.include('right');
  });

  it('runs no hook and constructs no actor when the configuration is invalid', async () => {
    const log: string[] = [];
    class Early {
      constructor() {
        log.push('construct early');
      }
      beforeStart() {
        log.push('start early');
      }
    }
    @Supervisor()
    class App {
      constructor() {
        log.push('construct app');
      }
      @Child(Early) early!: ActorRef;
      @Child(Worker, { name: 'late' }) late1!: ActorRef;
      @Child(Worker, { name: 'late' }) late2!: ActorRef;
    }
    await rejectedAtStart(startRoot(App));
    expect(log).to.deep.equal([]);
  });

  it('reports a problem inside a supervisor class that appears twice in the tree', async () => {
    @Supervisor()
    class Shard {
      @Child(Worker, { name: 'w' }) a!: ActorRef;
      @Child(Worker, { name: 'w' }) b!: ActorRef;
    }
    @Supervisor()
    class App {
      @Child(Shard) east!: ActorRef;
      @Child(Shard) west!: ActorRef;
    }
    const error = await rejectedAtStart(startRoot(App));
    expect(error.message).to.include('Shard');
    expect(error.problems.length).to.be.at.least(1);
  });
});
