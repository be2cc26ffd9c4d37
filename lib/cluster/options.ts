import { describe, unknownOption } from '../metadata/naming';
import type { ClusterOptions, ClusterTransport } from './types';

/** The cluster options with every default filled in. */
export interface ClusterSettings {
  readonly transport: ClusterTransport;
  readonly node: string;
  readonly name: string;
  readonly heartbeatIntervalMs: number;
  readonly failureTimeoutMs: number;
  readonly maxFrameBytes: number;
  readonly outboxLimit: number;
  readonly connectTimeoutMs: number;
}

const KNOWN = ['transport', 'node', 'name', 'heartbeatIntervalMs', 'failureTimeoutMs', 'maxFrameBytes', 'outboxLimit', 'connectTimeoutMs'];

/** A node or cluster name: one NATS subject token, and one segment of an address. */
export const NAME = /^[A-Za-z0-9_-]{1,64}$/;

export const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;

export function clusterSettings(options: ClusterOptions): ClusterSettings {
  return {
    transport: options.transport,
    node: options.node,
    name: options.name ?? 'rampart',
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 500,
    failureTimeoutMs: options.failureTimeoutMs ?? 2500,
    maxFrameBytes: options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES,
    outboxLimit: options.outboxLimit ?? 10_000,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
  };
}

/** Every problem with the `cluster` option of `ActorSystem.start`, one sentence each. */
export function clusterOptionProblems(where: string, cluster: unknown): string[] {
  const at = `${where}: option 'cluster'`;
  if (typeof cluster !== 'object' || cluster === null) {
    return [`${at} must be an object such as { transport: natsTransport({ servers: 'nats://127.0.0.1:4222' }), node: 'node-a' }, got ${describe(cluster)}.`];
  }
  const options = cluster as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(options)) {
    if (!KNOWN.includes(key)) {
      problems.push(`${at}: ${unknownOption(key, KNOWN)}.`);
    }
  }
  const transport = options.transport as Partial<ClusterTransport> | undefined;
  if (typeof transport !== 'object' || transport === null || typeof transport.connect !== 'function') {
    problems.push(`${at}.transport must be a cluster transport: natsTransport({ servers }) or memoryTransport(), got ${describe(transport)}.`);
  }
  const nameProblem = (key: 'node' | 'name', value: unknown, required: boolean): void => {
    if (value === undefined && !required) return;
    if (typeof value !== 'string' || !NAME.test(value)) {
      problems.push(`${at}.${key} must be 1-64 characters of letters, digits, '_' and '-' (it becomes part of addresses and NATS subjects), got ${describe(value)}.`);
    }
  };
  nameProblem('node', options.node, true);
  nameProblem('name', options.name, false);
  const positive = (key: string, integer: boolean, min: number): void => {
    const value = options[key];
    if (value === undefined) return;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
      problems.push(`${at}.${key} must be a finite ${integer ? 'integer' : 'number'} >= ${min}, got ${describe(value)}.`);
    }
  };
  positive('heartbeatIntervalMs', false, 1);
  positive('failureTimeoutMs', false, 1);
  positive('maxFrameBytes', true, 1024);
  positive('outboxLimit', true, 1);
  positive('connectTimeoutMs', false, 1);
  const { heartbeatIntervalMs = 500, failureTimeoutMs = 2500 } = options as { heartbeatIntervalMs?: unknown; failureTimeoutMs?: unknown };
  if (typeof heartbeatIntervalMs === 'number' && typeof failureTimeoutMs === 'number' && failureTimeoutMs <= heartbeatIntervalMs) {
    problems.push(
      `${at}.failureTimeoutMs (${failureTimeoutMs}) must be longer than heartbeatIntervalMs (${heartbeatIntervalMs}), or every node would be declared down between two heartbeats; ` +
        `a few heartbeat intervals is usual (the defaults are 2500 and 500).`,
    );
  }
  return problems;
}
