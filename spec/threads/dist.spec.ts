/**
 * From `dist/`, a worker runs the compiled JavaScript: the library built with the build's own
 * tsconfig, and a plain JavaScript program run by `node` alone (no ts-node anywhere), as a
 * CommonJS module and as an ES module that names itself by `import.meta.url`.
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

/**
 * The same program as an ES module that starts the system while it is still being evaluated
 * (top-level await): the main thread cannot require it then, nor can a worker (top-level
 * await), so both sides fall back to what an ES module allows.
 */
const esmProgram = (exported: boolean) => `
import { isMainThread, threadId } from 'node:worker_threads';
import lib from './lib/index.js';
const { Actor, ActorSystem, Child, Message, On, Supervisor } = lib;

export class Where {}
Message('dist.esm.where')(Where);

${exported ? 'export ' : ''}class Probe {
  where() { return { threadId, isMainThread }; }
}
On(Where)(Probe.prototype, 'where', Object.getOwnPropertyDescriptor(Probe.prototype, 'where'));
Actor({ module: import.meta.url })(Probe);

export class App {}
Child(Probe, { thread: true, tries: 0 })(App.prototype, 'probe');
Supervisor()(App);

if (isMainThread) {
  try {
    const system = await ActorSystem.start(App, { name: 'app', logger: null });
    const answer = await system.lookupActor('/app/probe').ask(new Where());
    await system.shutdown();
    console.log(JSON.stringify({ ...answer, main: threadId }));
  } catch (error) {
    console.log(JSON.stringify({ error: error.name, message: error.message, cause: error.cause?.name, causeMessage: error.cause?.message }));
  }
}
`;

describe('threads: from compiled JavaScript', function () {
  this.timeout(60000);
  before(async () => {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    await run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', join(out, 'lib')], { cwd: root });
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  it('runs a worker on the compiled library and an ES module program (import.meta.url, top-level await)', async () => {
    writeFileSync(join(out, 'program.mjs'), esmProgram(true));
    const { stdout } = await run(process.execPath, [join(out, 'program.mjs')], { cwd: out, timeout: 30000 });
    const answer = JSON.parse(stdout.trim()) as { threadId: number; isMainThread: boolean; main: number };
    expect(answer.isMainThread, stdout).to.equal(false);
    expect(answer.threadId).to.not.equal(answer.main);
  });

  it('says to export a class an ES module does not export, when the worker finds it missing', async () => {
    writeFileSync(join(out, 'unexported.mjs'), esmProgram(false));
    const { stdout } = await run(process.execPath, [join(out, 'unexported.mjs')], { cwd: out, timeout: 30000 });
    const answer = JSON.parse(stdout.trim()) as { error: string; message: string; cause?: string; causeMessage?: string };
    expect(answer.error, stdout).to.equal('StartError');
    expect(answer.cause).to.equal('ConfigurationError');
    expect(answer.causeMessage).to.match(/does not export it: add 'export' to class Probe there\./);
  });

  it('runs a worker on the compiled library and program, with no ts-node', async () => {
    writeFileSync(join(out, 'program.js'), program);
    const { stdout } = await run(process.execPath, [join(out, 'program.js')], { cwd: out, timeout: 30000 });
    const answer = JSON.parse(stdout.trim()) as { threadId: number; isMainThread: boolean; typescript: boolean; main: number };
    expect(answer.isMainThread).to.equal(false);
    expect(answer.threadId).to.not.equal(answer.main);
    expect(answer.typescript, 'the worker registered no TypeScript loader').to.equal(false);
  });
});
