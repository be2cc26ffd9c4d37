/** What every lane of the toolchain matrix does: run a command, write files, patch `tsc --init`'s output. */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The repository: the tools of the matrix are its dev dependencies. */
export const root = resolve(__dirname, '..', '..', '..');
export const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** A dev dependency's file, e.g. `tool('tsx/dist/cli.mjs')`. */
export function tool(file: string): string {
  return require.resolve(file, { paths: [root] });
}

export const tsc = tool('typescript/bin/tsc');

/** Runs a command and returns its stdout; on failure the error says which command and what it printed. */
export async function step(what: string, file: string, args: readonly string[], cwd: string, timeout = 60_000): Promise<string> {
  try {
    const { stdout } = await run(file, [...args], { cwd, timeout, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '', message } = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${what} failed: ${message.split('\n')[0]}\n${tail(`${stdout}${stderr}`)}`);
  }
}

/** The last lines of a command's output, enough to see why it failed. */
function tail(output: string, lines = 25): string {
  return output.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Writes `files` (relative paths) under `dir`, making folders as needed. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
}

/** What `tsc --init` writes (comments and all), run once in a folder of `scratch` for every lane. */
export async function tscInitOutput(scratch: string): Promise<string> {
  const dir = join(scratch, 'tsc-init');
  mkdirSync(dir, { recursive: true });
  await step('tsc --init', process.execPath, [tsc, '--init'], dir);
  return readFileSync(join(dir, 'tsconfig.json'), 'utf8');
}

/**
 * A `tsconfig.json` in `dir`: `init` (what `tsc --init` wrote) with `set` applied: each key
 * replaces the option's line, or joins the options when `tsc --init` does not write it. The
 * file stays tsc's own, so the lane sees the defaults a new user gets.
 */
export function writeTscInit(dir: string, init: string, set: Record<string, unknown>): void {
  let text = init;
  for (const [key, value] of Object.entries(set)) {
    const line = new RegExp(`^(\\s*)"${key}": .*,$`, 'm');
    const json = `"${key}": ${JSON.stringify(value)},`;
    if (line.test(text)) text = text.replace(line, `$1${json}`);
    else if (text.includes('"compilerOptions": {')) text = text.replace('"compilerOptions": {', `"compilerOptions": {\n    ${json}`);
    else throw new Error(`tsc --init wrote a tsconfig.json without "compilerOptions": cannot set ${key}`);
  }
  writeFiles(dir, { 'tsconfig.json': text });
}
