/**
 * Names that collide. A spawned child cannot take the path of a group (explicitly or by its
 * class's default name): `spawn` throws `ConfigurationError` as for a taken actor path, and
 * `lookup` keeps finding the group.
 */
import { expect } from 'chai';
import { Child, ConfigurationError, Supervisor } from '../../lib';
import type { ActorRef, GroupRef } from '../../lib';
import { killLeftovers, probe, shutdown, startSystem } from './helpers';

class Workers {}

@Supervisor()
class App {
  @Child(probe('w', []), { redundancy: 2 }) workers!: GroupRef;
  @Child(probe('single', [])) single!: ActorRef;
}

describe('regressions (hunt): spawn names that collide', function () {
  this.timeout(2000);
  afterEach(killLeftovers);

  it("refuses a spawn named like a static child (guard)", async () => {
    const h = await startSystem(App);
    expect(() => h.system.spawn(Workers, { name: 'single' })).to.throw(ConfigurationError, /already exists/);
    await shutdown(h);
  });

  it("refuses a spawn named like a group, and lookup still finds the group", async () => {
    const h = await startSystem(App);
    expect(() => h.system.spawn(Workers, { name: 'workers' })).to.throw(ConfigurationError);
    await h.scheduler.advanceBy(0);
    const found = h.system.lookup('/app/workers') as GroupRef;
    expect(found?.members, 'lookup found the group').to.have.length(2);
    expect(h.system.tree().children.map((node) => node.path)).to.deep.equal(['/app/workers', '/app/single']);
    await shutdown(h);
  });

  it("gives an unnamed spawn whose default name is a group's name another path", async () => {
    const h = await startSystem(App);
    const ref = h.system.spawn(Workers); // default segment 'workers'
    expect(ref.path).to.not.equal('/app/workers');
    await h.scheduler.advanceBy(0);
    const found = h.system.lookup('/app/workers') as GroupRef;
    expect(found?.members, 'lookup found the group').to.have.length(2);
    await shutdown(h);
  });
});
