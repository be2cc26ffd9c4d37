/**
 * The inspector's page in a real browser (Debian's chromium through puppeteer-core): it
 * draws the whole tree, and shows a restart and its error as they happen, without a
 * reload. Real time here, since the browser is the point; every wait is bounded.
 * The screenshot goes to RAMPART_INSPECTOR_SCREENSHOT, else to the temp directory
 * (`npm run screenshot:inspector` writes docs/inspector.png).
 */
import { expect } from 'chai';
import { mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import puppeteer from 'puppeteer-core';
import type { Browser, Page } from 'puppeteer-core';
import { ActorSystem, Child, On, Supervisor } from '../../lib';
import type { ActorRef, GroupRef, TreeNode } from '../../lib';
import { serveInspector } from '../../lib/inspector';
import { describeWithChromium } from '../support/chromium';

class Job {
  constructor(readonly n: number) {}
}
class Crash {
  constructor(readonly reason: string) {}
}

class Worker {
  @On(Job) work(job: Job): number {
    return job.n * 2;
  }
}
class Flaky {
  @On(Crash) crash(crash: Crash): never {
    throw new Error(crash.reason);
  }
}
@Supervisor({ maxRestarts: 100, withinMs: 60_000 })
class App {
  @Child(Worker) worker!: ActorRef<Job>;
  @Child(Worker, { redundancy: 2 }) pool!: GroupRef<Job>;
  @Child(Flaky) flaky!: ActorRef<Crash>;
}

const WAIT = { timeout: 5000, polling: 50 };

function paths(node: TreeNode): string[] {
  return [node.path, ...node.children.flatMap(paths)];
}

describeWithChromium('inspector page (real browser)', function (executablePath) {
  this.timeout(30_000);
  let system: ActorSystem | undefined;
  let inspector: { url: string; close(): Promise<void> } | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let traffic: NodeJS.Timeout | undefined;
  const problems: string[] = [];
  const requests: string[] = [];

  before(async () => {
    system = await ActorSystem.start(App, { logger: null });
    inspector = await serveInspector(system);
    browser = await puppeteer.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 820 });
    page.on('pageerror', (error) => problems.push(`page error: ${String(error)}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(inspector.url, { waitUntil: 'domcontentloaded', timeout: 5000 });
    await page.waitForFunction('Number(document.body.dataset.snapshots) > 0', WAIT);
  });

  after(async () => {
    clearInterval(traffic);
    await browser?.close().catch(() => undefined);
    await inspector?.close().catch(() => undefined);
    await system?.shutdown().catch(() => undefined);
  });

  it('draws every path of system.tree(), with its kind, and loads nothing from elsewhere', async () => {
    const expected = paths(system!.tree());
    expect(expected).to.include.members(['/app', '/app/worker', '/app/pool', '/app/pool/0', '/app/pool/1', '/app/flaky']);
    const drawn = await page.$$eval('[data-path]', (nodes) => nodes.filter((n) => n.matches('li.node')).map((n) => n.getAttribute('data-path')));
    expect(drawn).to.have.members(expected);
    const kinds = await page.$$eval('li.node', (nodes) => nodes.map((n) => `${n.getAttribute('data-path')} ${n.getAttribute('data-kind')}`));
    expect(kinds).to.include.members(['/app supervisor', '/app/pool group', '/app/pool/0 actor', '/app/flaky actor']);
    const origin = new URL(inspector!.url).origin;
    expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'))).to.deep.equal([]);
    expect(problems).to.deep.equal([]);
  });

  it('shows a restart and its error as they happen, without a reload', async () => {
    await page.evaluate('window.__samePage = true');
    const reason = `the flaky actor broke on purpose (${Date.now()})`;
    system!.lookupActor<Crash>('/app/flaky')!.tell(new Crash(reason));

    await page.waitForFunction('document.querySelector(\'li.node[data-path="/app/flaky"]\').dataset.restarts === "1"', WAIT);
    await page.waitForFunction(
      `[...document.querySelectorAll('[data-error-message]')].some((e) => e.textContent === ${JSON.stringify(reason)})`,
      WAIT,
    );
    const error = await page.$eval('li.error[data-path="/app/flaky"]', (li) => ({
      name: li.querySelector('.name')?.textContent,
      stack: li.querySelector('pre.stack')?.textContent,
    }));
    expect(error.name).to.equal('Error');
    expect(error.stack).to.contain(reason).and.to.contain('Flaky.crash');
    expect(await page.evaluate('window.__samePage')).to.equal(true);
    expect(await page.$eval('li.node[data-path="/app/worker"]', (li) => li.getAttribute('data-restarts'))).to.equal('0');
    expect(problems).to.deep.equal([]);
  });

  it('shows the messages per second of each actor, and of a group through its members', async () => {
    const worker = system!.lookupActor<Job>('/app/worker')!;
    const pool = system!.lookupGroup<Job>('/app/pool')!;
    let n = 0;
    traffic = setInterval(() => {
      n += 1;
      worker.tell(new Job(n));
      pool.tell(new Job(n));
    }, 20);
    const rateOf = (path: string): string => `Number(document.querySelector('li.node[data-path="${path}"]').dataset.rate)`;
    await page.waitForFunction(`${rateOf('/app/worker')} > 5 && ${rateOf('/app/pool')} > 5`, WAIT);
    expect(await page.evaluate(rateOf('/app'))).to.equal(0); // nothing is told to the supervisor
    const total = await page.$eval('#stat-rate', (e) => Number(e.textContent));
    expect(total).to.be.greaterThan(5);
  });

  it('saves a screenshot', async () => {
    // Traffic keeps flowing from the test before: let the rates fill their one-second window.
    await page.waitForFunction("Number(document.getElementById('stat-rate').textContent) > 20", WAIT);
    await page.click('li.error summary');
    await page.waitForFunction("document.querySelector('li.error details').open === true", WAIT);
    const file = process.env.RAMPART_INSPECTOR_SCREENSHOT ?? join(tmpdir(), `rampart-inspector-${process.pid}.png`);
    mkdirSync(dirname(file), { recursive: true });
    await page.screenshot({ path: file as `${string}.png`, fullPage: true });
    expect(statSync(file).size).to.be.greaterThan(10_000);
    expect(problems).to.deep.equal([]);
  });
});
