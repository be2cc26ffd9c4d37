/**
 * The module Piscina's worker threads load (its `filename`): `hash` runs one W7 task,
 * `echo` answers a small message with itself. Picked per call with `run(…, { name })`.
 */
import { hashTask } from './shared';

export function hash(task: { readonly seed: number; readonly rounds: number }): number {
  return hashTask(task.seed, task.rounds);
}

export function echo(value: number): number {
  return value;
}

/** Piscina loads the pool's default handler (`name: 'default'`) when a thread starts. */
export default hash;
