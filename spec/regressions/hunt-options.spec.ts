/**
 * DESIGN: "`logger: null` silences it" (and contract.d.ts types the option `Logger | null`).
 */
import { ActorSystem, Supervisor } from '../../lib';
import type { SystemOptions } from '../../lib';
import { VirtualScheduler } from '../../lib/testing';
import { adopt, killLeftovers, shutdown, type Harness } from './helpers';

@Supervisor()
class App {}

describe('regressions (hunt): system options', function () {
  this.timeout(2000);
  afterEach(killLeftovers);

  it('accepts logger: null, which silences the logger', async () => {
    const scheduler = new VirtualScheduler();
    const options = { name: 'app', scheduler, logger: null } as unknown as SystemOptions;
    const system = adopt(await ActorSystem.start(App, options));
    await shutdown({ system, scheduler, events: [], deadLetters: [] } as Harness);
  });
});
