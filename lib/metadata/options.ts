import { ConfigurationError } from '../errors';
import { Backoff } from '../supervision/backoff';
import { describe, segmentProblem, unknownOption } from './naming';

type Check = (value: unknown) => string | undefined;

const oneOf = (...allowed: string[]): Check => (value) =>
  allowed.includes(value as string) ? undefined : `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describe(value)}`;

const integerAtLeast = (min: number): Check => (value) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min ? undefined : `must be an integer >= ${min}, got ${describe(value)}`;

const countOrInfinity = (min: number): Check => (value) =>
  value === Infinity ? undefined : integerAtLeast(min)(value);

const positiveNumber: Check = (value) =>
  typeof value === 'number' && value > 0 && Number.isFinite(value) ? undefined : `must be a finite number > 0, got ${describe(value)}`;

const nonNegativeNumber: Check = (value) =>
  typeof value === 'number' && value >= 0 && Number.isFinite(value) ? undefined : `must be a finite number >= 0, got ${describe(value)}`;

const fraction: Check = (value) =>
  typeof value === 'number' && value > 0 && value <= 1 ? undefined : `must be a fraction in (0, 1], got ${describe(value)}`;

const nonEmptyString: Check = (value) =>
  typeof value === 'string' && value.length > 0 ? undefined : `must be a non-empty string, got ${describe(value)}`;

const objectOf = (shape: Record<string, Check>, required: readonly string[]): Check => (value) => {
  if (typeof value !== 'object' || value === null) return `must be an object, got ${describe(value)}`;
  const problems = checkShape(value as Record<string, unknown>, shape, required);
  return problems.length > 0 ? problems.join('; ') : undefined;
};

const mailboxShape = objectOf(
  { capacity: integerAtLeast(1), overflow: oneOf('drop-newest', 'drop-oldest', 'reject') },
  ['capacity', 'overflow'],
);

const resizeShape = objectOf(
  {
    min: integerAtLeast(1),
    max: integerAtLeast(1),
    mailboxThreshold: nonNegativeNumber,
    upscaleRate: fraction,
    downscaleRate: fraction,
    intervalMs: positiveNumber,
  },
  ['min', 'max', 'mailboxThreshold', 'upscaleRate', 'downscaleRate'],
);

const classList: Check = (value) => {
  const rule = 'must be an array of classes, one per constructor parameter';
  if (!Array.isArray(value)) return `${rule}, got ${describe(value)}`;
  const index = value.findIndex((item) => typeof item !== 'function');
  return index < 0 ? undefined : `${rule}, but item #${index} is ${describe(value[index])}`;
};

const ACTOR_OPTIONS: Record<string, Check> = { name: segmentProblem, mailbox: mailboxShape, module: nonEmptyString, inject: classList };

const SUPERVISOR_OPTIONS: Record<string, Check> = {
  strategy: oneOf('one-for-one', 'one-for-all', 'rest-for-one'),
  maxRestarts: countOrInfinity(0),
  withinMs: positiveNumber,
};

const CHILD_OPTIONS: Record<string, Check> = {
  name: segmentProblem,
  redundancy: integerAtLeast(1),
  restart: oneOf('permanent', 'transient', 'temporary'),
  tries: countOrInfinity(0),
  backoff: (value) => (value instanceof Backoff ? undefined : `must be made by Backoff.immediate(), Backoff.linear() or Backoff.exponential(), got ${describe(value)}`),
  shutdownTimeoutMs: positiveNumber,
  dispatch: (value) =>
    typeof value === 'function' ? undefined : oneOf('round-robin', 'random', 'least-loaded')(value),
  mailbox: mailboxShape,
  resize: (value) => {
    const problem = resizeShape(value);
    if (problem) return problem;
    const { min, max } = value as { min: number; max: number };
    return min > max ? `must have min <= max, got min ${min} and max ${max}` : undefined;
  },
  distributor: nonEmptyString,
  thread: (value) => (typeof value === 'boolean' ? undefined : `must be true or false, got ${describe(value)}`),
  threads: integerAtLeast(1),
};

const GROUP_ONLY = ['dispatch', 'resize', 'threads'];

function checkShape(options: Record<string, unknown>, shape: Record<string, Check>, required: readonly string[] = []): string[] {
  const problems: string[] = [];
  const allowed = Object.keys(shape);
  for (const key of Object.keys(options)) {
    const check = shape[key];
    if (!check) {
      problems.push(unknownOption(key, allowed));
      continue;
    }
    if (options[key] === undefined) continue;
    const problem = check(options[key]);
    if (problem) problems.push(`option '${key}' ${problem}`);
  }
  for (const key of required) {
    if (options[key] === undefined) problems.push(`option '${key}' is required`);
  }
  return problems;
}

function validate(decorator: string, where: string, options: unknown, shape: Record<string, Check>): string[] {
  if (options === undefined) return [];
  if (typeof options !== 'object' || options === null) {
    return [`${decorator} on ${where}: options must be an object, got ${describe(options)}.`];
  }
  return checkShape(options as Record<string, unknown>, shape).map((p) => `${decorator} on ${where}: ${p}.`);
}

function throwIfAny(problems: string[]): void {
  if (problems.length > 0) throw new ConfigurationError(problems);
}

/** Checks the options of `@Actor` at decoration time. */
export function assertActorOptions(where: string, options: unknown): void {
  throwIfAny(validate('@Actor()', where, options, ACTOR_OPTIONS));
}

/** Checks the options of `@Supervisor` at decoration time. */
export function assertSupervisorOptions(where: string, options: unknown): void {
  throwIfAny(validate('@Supervisor()', where, options, SUPERVISOR_OPTIONS));
}

/** Checks the options of `@Child` at decoration time. */
export function assertChildOptions(where: string, options: unknown): void {
  const problems = validate('@Child()', where, options, CHILD_OPTIONS);
  const given = (options ?? {}) as Record<string, unknown>;
  const resize = given.resize as { min: number; max: number } | undefined;
  const redundancy = given.redundancy as number | undefined;
  if (problems.length === 0 && resize !== undefined && redundancy !== undefined && (redundancy < resize.min || redundancy > resize.max)) {
    problems.push(
      `@Child() on ${where}: 'redundancy' (${redundancy}) must lie within resize [min ${resize.min}, max ${resize.max}]; it is the group's starting size.`,
    );
  }
  if (problems.length === 0 && given.redundancy === undefined) {
    for (const key of GROUP_ONLY) {
      if (given[key] !== undefined) {
        problems.push(`@Child() on ${where}: option '${key}' applies to groups only; add 'redundancy: n' or remove '${key}'.`);
      }
    }
  }
  if (problems.length === 0 && given.threads !== undefined && given.thread !== true) {
    problems.push(`@Child() on ${where}: option 'threads' spreads the members over worker threads; add 'thread: true' or remove 'threads'.`);
  }
  throwIfAny(problems);
}

/** Checks the options of `system.spawn` / `ctx.spawn` when they are called. */
export function assertSpawnOptions(where: string, options: unknown): void {
  if (options !== undefined) throwIfAny(validate('spawn()', where, options, SPAWN_OPTIONS));
}

const SPAWN_OPTIONS: Record<string, Check> = Object.fromEntries(
  Object.entries(CHILD_OPTIONS).filter(([key]) => !['redundancy', 'distributor', ...GROUP_ONLY].includes(key)),
);
