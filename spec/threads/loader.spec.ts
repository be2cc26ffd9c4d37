import { expect } from 'chai';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { besideThisModule, workerExecArgv } from '../../lib/threads/loader';

const TS_NODE = Symbol.for('ts-node.register.instance');
const underTsNode = (execArgv: string[]) => Object.assign({ execArgv }, { [TS_NODE]: {} });

describe('threads/loader: a worker runs the same code loader as its parent', () => {
  it('adds ts-node’s require hook for a parent under ts-node without one on its command line', () => {
    expect(workerExecArgv(underTsNode(['--expose-gc']))).to.deep.equal(['--expose-gc', '--require', 'ts-node/register/transpile-only']);
  });

  it('keeps the parent’s flags when ts-node is on them (transpiling only: the parent checked the types), or not in use', () => {
    expect(workerExecArgv(underTsNode(['-r', 'ts-node/register', '--inspect']))).to.deep.equal(['-r', 'ts-node/register/transpile-only', '--inspect']);
    expect(workerExecArgv(underTsNode(['--require=ts-node/register']))).to.deep.equal(['--require=ts-node/register/transpile-only']);
    expect(workerExecArgv(underTsNode(['-r', 'ts-node/register/transpile-only']))).to.deep.equal(['-r', 'ts-node/register/transpile-only']);
    expect(workerExecArgv({ execArgv: ['--max-old-space-size=512'] })).to.deep.equal(['--max-old-space-size=512']);
  });

  it('leaves out the ts-node CLI’s own entry and flags, which are no Node options', () => {
    const cli = underTsNode(['--expose-gc', '/app/node_modules/ts-node/dist/bin.js', '--transpile-only']);
    expect(workerExecArgv(cli)).to.deep.equal(['--expose-gc', '--require', 'ts-node/register/transpile-only']);
  });

  it('names a sibling module with this module’s own extension', () => {
    expect(besideThisModule('worker-main')).to.match(/lib[\\/]threads[\\/]worker-main\.ts$/);
  });

  it('starts a real worker that loads a TypeScript module and the library', async function () {
    this.timeout(20_000);
    const worker = new Worker(join(__dirname, 'fixtures', 'echo-worker.ts'), { execArgv: workerExecArgv() });
    try {
      const answer = await new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`the worker exited with ${code} before answering`)));
      });
      expect(answer).to.deep.equal({ system: 'function', probe: true });
    } finally {
      await worker.terminate();
    }
  });
});
