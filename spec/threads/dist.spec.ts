/**
 * From `dist/`, a worker runs the compiled JavaScript: the library built with the build's own
 * tsconfig, and a plain JavaScript program run by `node` alone (no ts-node anywhere).
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(__dirname, '..', '..');
/** Inside the repository, so that the build and the program resolve rxjs and reflect-metadata. */
const out = join(root, '.spec-dist');

const program = `
const { isMainThread, threadId } = require('node:worker_threads');
const { Actor, ActorSystem, Child, Message, On, Supervisor } = require('./lib/index.js');

class Where {}
Message('dist.where')(Where);

class Probe {
  where() { return { threadId, isMainThread, typescript: require.extensions['.ts'] !== undefined }; }
}
On(Where)(Probe.prototype, 'where', Object.getOwnPropertyDescriptor(Probe.prototype, 'where'));
Actor({ module: __filename })(Probe);

class App {}
Child(Probe, { thread: true })(App.prototype, 'probe');
Supervisor()(App);

module.exports = { Where, Probe, App };

if (isMainThread) {
  (async () => {
    const system = await ActorSystem.start(App, { name: 'app', logger: null });
    const answer = await system.lookupActor('/app/probe').ask(new Where());
    await system.shutdown();
    console.log(JSON.stringify({ ...answer, main: threadId }));
  })().catch((error) => { console.error(error); process.exit(1); });
}
`;

describe('threads: from compiled JavaScript', function () {
  this.timeout(60000);
  after(() => rmSync(out, { recursive: true, force: true }));

  it('runs a worker on the compiled library and program, with no ts-node', async () => {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    await run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', join(out, 'lib')], { cwd: root });
    writeFileSync(join(out, 'program.js'), program);
    const { stdout } = await run(process.execPath, [join(out, 'program.js')], { cwd: out, timeout: 30000 });
    const answer = JSON.parse(stdout.trim()) as { threadId: number; isMainThread: boolean; typescript: boolean; main: number };
    expect(answer.isMainThread).to.equal(false);
    expect(answer.threadId).to.not.equal(answer.main);
    expect(answer.typescript, 'the worker registered no TypeScript loader').to.equal(false);
  });
});
