import { expect } from 'chai';
import { Child, Supervisor } from '../../lib';
import type { ActorRef, GroupRef, TreeNode } from '../../lib';
import {
  Slow,
  deferred,
  eventLog,
  groupAt,
  killLeftovers,
  member,
  memberPaths,
  pathsOf,
  shutdown,
  startSystem,
  track,
  until,
} from './helpers';

const shape = (node: TreeNode): TreeNode => ({
  path: node.path,
  kind: node.kind,
  restarts: node.restarts,
  mailboxSize: node.mailboxSize,
  children: node.children.map(shape),
});

const whoAll = (refs: readonly ActorRef[]) => Promise.all(refs.map((ref) => ref.ask<string>('who')));

describe('groups (redundancy)', () => {
  afterEach(killLeftovers);

  it('sets the property to a GroupRef over n members at <path>/0 … <path>/n-1 before beforeStart, started in index order', async () => {
    const log: string[] = [];
    let seen: GroupRef | undefined;
    @Supervisor()
    class App {
      @Child(member(log), { redundancy: 3 }) workers!: GroupRef;
      @Child(member(log), { redundancy: 2, name: 'pool' }) other!: GroupRef;

      beforeStart(): void {
        seen = this.workers;
        log.push(`app sees ${this.workers?.path} and ${this.other?.path}`);
      }
    }
    const h = await startSystem(App);

    expect(seen, 'the property is set before beforeStart').to.not.equal(undefined);
    expect(seen!.path).to.equal('/app/workers');
    expect(seen!.size).to.equal(3);
    expect(memberPaths(seen!)).to.deep.equal(pathsOf('/app/workers', 3));
    expect(log).to.deep.equal([
      'app sees /app/workers and /app/pool',
      'start /app/workers/0',
      'start /app/workers/1',
      'start /app/workers/2',
      'start /app/pool/0',
      'start /app/pool/1',
    ]);
    expect(await whoAll(seen!.members)).to.deep.equal(pathsOf('/app/workers', 3).map((p) => `${p} restarts 0`));
    await shutdown(h);
  });

  it('makes a group of one with redundancy: 1', async () => {
    @Supervisor()
    class App {
      @Child(member([]), { redundancy: 1 }) workers!: GroupRef;
    }
    const h = await startSystem(App);
    const group = groupAt(h.system, '/app/workers');
    expect(group.size).to.equal(1);
    expect(memberPaths(group)).to.deep.equal(['/app/workers/0']);
    expect(await group.ask('who')).to.equal('/app/workers/0 restarts 0');
    await shutdown(h);
  });

  it('finds the group and each member with lookup, and nothing past the last member', async () => {
    @Supervisor()
    class App {
      @Child(member([]), { redundancy: 3 }) workers!: GroupRef;
    }
    const h = await startSystem(App);

    const group = groupAt(h.system, '/app/workers');
    expect(group.path).to.equal('/app/workers');
    expect(typeof group.broadcast).to.equal('function');
    const second = h.system.lookup('/app/workers/1') as ActorRef;
    expect(second?.path).to.equal('/app/workers/1');
    expect(await second.ask('who')).to.equal('/app/workers/1 restarts 0');
    expect(h.system.lookup('/app/workers/3')).to.equal(undefined);
    await shutdown(h);
  });

  it("shows the group in tree() as kind 'group' with its members as children and the sum of their mailboxes", async () => {
    @Supervisor()
    class App {
      @Child(member([])) solo!: ActorRef;
      @Child(member([]), { redundancy: 3 }) workers!: GroupRef;
    }
    const h = await startSystem(App);
    const [m0, m1] = groupAt(h.system, '/app/workers').members;
    const gate = deferred();
    m0.tell(new Slow('busy0', gate.promise));
    m1.tell(new Slow('busy1', gate.promise));
    await h.scheduler.advanceBy(0);
    m0.tell('q1');
    m0.tell('q2');
    m1.tell('q3');

    const node = (path: string, mailboxSize: number): TreeNode => ({ path, kind: 'actor', restarts: 0, mailboxSize, children: [] });
    expect(shape(h.system.tree())).to.deep.equal({
      path: '/app',
      kind: 'supervisor',
      restarts: 0,
      mailboxSize: 0,
      children: [
        node('/app/solo', 0),
        {
          path: '/app/workers',
          kind: 'group',
          restarts: 0,
          mailboxSize: 3,
          children: [node('/app/workers/0', 2), node('/app/workers/1', 1), node('/app/workers/2', 0)],
        },
      ],
    });
    gate.resolve();
    await shutdown(h);
  });

  it("handles one member's failure as one failure of one child (one-for-one): only that member restarts", async () => {
    const log: string[] = [];
    @Supervisor()
    class App {
      @Child(member(log)) solo!: ActorRef;
      @Child(member(log), { redundancy: 3 }) workers!: GroupRef;
    }
    const h = await startSystem(App);
    const group = groupAt(h.system, '/app/workers');
    log.length = 0;

    group.members[1].tell('fail');
    await h.scheduler.advanceBy(0);

    expect(log).to.deep.equal(['beforeRestart /app/workers/1', 'restart /app/workers/1']);
    expect(eventLog(h, ['failed', 'restarted', 'stopped'])).to.deep.equal(['failed /app/workers/1', 'restarted /app/workers/1']);
    expect(h.deadLetters.map((d) => [d.reason, d.path, d.message])).to.deep.equal([['failed', '/app/workers/1', 'fail']]);
    expect(await whoAll(group.members)).to.deep.equal([
      '/app/workers/0 restarts 0',
      '/app/workers/1 restarts 1',
      '/app/workers/2 restarts 0',
    ]);
    const groupNode = h.system.tree().children[1];
    expect(groupNode.children.map((n) => n.restarts)).to.deep.equal([0, 1, 0]);
    await shutdown(h);
  });

  it("counts each member's failure toward the supervisor's intensity; a restarted supervisor rebuilds the group at its redundancy", async () => {
    const log: string[] = [];
    @Supervisor({ maxRestarts: 1, withinMs: 1000 })
    class Pool {
      @Child(member(log), { redundancy: 3 }) workers!: GroupRef;
    }
    @Supervisor({ maxRestarts: Infinity })
    class App {
      @Child(Pool) pool!: ActorRef;
    }
    const h = await startSystem(App);
    const group = groupAt(h.system, '/app/pool/workers');
    const grown = track(group.resize(5));
    await until(h, grown);
    expect(grown.error).to.equal(undefined);
    expect(group.size).to.equal(5);

    group.members[0].tell('fail');
    await h.scheduler.advanceBy(0);
    expect(eventLog(h, ['escalated'])).to.deep.equal([]);
    group.members[1].tell('fail');
    await h.scheduler.advanceBy(0);
    await h.scheduler.advanceBy(0);

    expect(eventLog(h, ['escalated'])).to.deep.equal(['escalated /app/pool']);
    const rebuilt = groupAt(h.system, '/app/pool/workers');
    expect(rebuilt.size).to.equal(3);
    expect(memberPaths(rebuilt)).to.deep.equal(pathsOf('/app/pool/workers', 3));
    expect(h.system.lookup('/app/pool/workers/3')).to.equal(undefined);
    expect(await whoAll(rebuilt.members)).to.have.length(3);
    await shutdown(h);
  });
});
