import type { SchedulerLike } from 'rxjs';
import { clusterOptionProblems } from '../cluster/options';
import type { ClusterOptions } from '../cluster/types';
import type { ActorClass, Logger, Provider } from '../types';
import { describe, memberName, segmentProblem, unknownOption } from '../metadata/naming';

/** Options of `ActorSystem.start`. */
export interface SystemOptions {
  /** The root's path segment, so its path is `/name`. Default: the root class name, first letter lower-cased. */
  name?: string;
  /** Constructor-injection registry: `[Token, instance]` pairs. */
  providers?: readonly Provider[];
  /** Default ask timeout, in ms. Default 5000. */
  askTimeoutMs?: number;
  /**
   * Runs every timer of the system. Default: rxjs `asyncScheduler`'s clock, with zero-delay
   * actions on the event-loop turn budget and delays beyond 2^31 ms chained (see
   * `default-scheduler.ts`). Pass a `VirtualScheduler` to drive time by hand in tests.
   */
  scheduler?: SchedulerLike;
  /** Joins a cluster of nodes (see `natsTransport` and `memoryTransport`). */
  cluster?: ClusterOptions;
  /**
   * Receives failures and escalations (`error`), hints (`warn`) and dead letters (`debug`).
   * Default: warnings and errors to the console, one string per event; `null` silences it.
   */
  logger?: Logger | null;
}

const KNOWN = ['name', 'providers', 'askTimeoutMs', 'scheduler', 'cluster', 'logger'];

/** Every problem with the options of `ActorSystem.start`, one sentence each. */
export function systemOptionProblems(root: ActorClass, options: SystemOptions): string[] {
  const where = `ActorSystem.start(${typeof root === 'function' ? memberName(root) : '?'})`;
  const problems: string[] = [];
  if (typeof options !== 'object' || options === null) return [`${where}: options must be an object, got ${describe(options)}.`];
  for (const key of Object.keys(options)) {
    if (!KNOWN.includes(key)) {
      problems.push(`${where}: ${unknownOption(key, KNOWN)}.`);
    }
  }
  const { name, providers, askTimeoutMs, scheduler, logger, cluster } = options;
  const nameProblem = name === undefined ? undefined : segmentProblem(name);
  if (nameProblem) problems.push(`${where}: option 'name' ${nameProblem}.`);
  if (askTimeoutMs !== undefined && !(typeof askTimeoutMs === 'number' && askTimeoutMs > 0)) {
    problems.push(`${where}: option 'askTimeoutMs' must be a number > 0, got ${describe(askTimeoutMs)}.`);
  }
  if (scheduler !== undefined && (typeof scheduler?.now !== 'function' || typeof scheduler?.schedule !== 'function')) {
    problems.push(`${where}: option 'scheduler' must be an RxJS SchedulerLike (with now() and schedule()), got ${describe(scheduler)}.`);
  }
  if (logger !== undefined && logger !== null && ['debug', 'info', 'warn', 'error'].some((m) => typeof (logger as unknown as Record<string, unknown>)?.[m] !== 'function')) {
    problems.push(`${where}: option 'logger' must have debug, info, warn and error methods (console fits), or be null to silence it, got ${describe(logger)}.`);
  }
  if (providers !== undefined) {
    if (!Array.isArray(providers)) problems.push(`${where}: option 'providers' must be an array of [Token, instance] pairs.`);
    else {
      const firstIndex = new Map<unknown, number>();
      providers.forEach((provider, index) => {
        if (!Array.isArray(provider) || provider.length !== 2 || typeof provider[0] !== 'function') {
          problems.push(`${where}: providers[${index}] must be a [Token, instance] pair whose token is a class, got ${describe(provider)}.`);
          return;
        }
        const token: Function = provider[0];
        const first = firstIndex.get(token);
        if (first === undefined) firstIndex.set(token, index);
        else {
          const name = memberName(token);
          problems.push(
            `${where}: providers[${index}] registers the token ${name} again (it is already at providers[${first}]), so it is unclear which instance to inject. ` +
              `Remove one of the two: list each token once, as [${name}, instance].`,
          );
        }
      });
    }
  }
  if (cluster !== undefined) problems.push(...clusterOptionProblems(where, cluster));
  return problems;
}

