import 'reflect-metadata';
import { ACTOR_METADATA, DESIGN_PARAMTYPES, PENDING_DECORATIONS } from './keys';
import type { ActorClassMetadata } from './records';

// Standard decorators hand `context.metadata` to every decorator of a class only when
// `Symbol.metadata` exists (TypeScript 5.2+, esbuild, swc); Node 20 lacks it. Defined here,
// once, because every decorator imports this module before any class is decorated.
(Symbol as { metadata?: symbol }).metadata ??= Symbol.for('Symbol.metadata');

/** `Symbol.metadata`: where standard decorators leave a class's `context.metadata`. */
const METADATA_SYMBOL: symbol = (Symbol as unknown as { metadata: symbol }).metadata;

/** The `context.metadata` object that standard decorators shared while decorating a class. */
export type DecorationBag = Record<PropertyKey, unknown>;

/** What a standard member decorator recorded, run once the class is known. */
export type PendingDecoration = (actorClass: Function) => void;

interface PendingState {
  decorations: PendingDecoration[];
  failure?: unknown;
}

function ownProperty(target: object, key: PropertyKey): unknown {
  return Object.prototype.hasOwnProperty.call(target, key) ? (target as Record<PropertyKey, unknown>)[key] : undefined;
}

/** The class's own standard-decorator metadata (`Class[Symbol.metadata]`), not inherited. */
function ownBag(target: Function): DecorationBag | undefined {
  const bag = ownProperty(target, METADATA_SYMBOL);
  return typeof bag === 'object' && bag !== null ? (bag as DecorationBag) : undefined;
}

/**
 * Standard member decorators see no class, only `context.metadata`; they leave their work
 * here, and it runs against the class (with the legacy checks and records) when the class is
 * first known: by its class decorator, or when the runtime first reads its metadata.
 */
export function deferDecoration(bag: DecorationBag, decoration: PendingDecoration): void {
  let state = ownProperty(bag, PENDING_DECORATIONS) as PendingState | undefined;
  if (state === undefined) {
    state = { decorations: [] };
    Object.defineProperty(bag, PENDING_DECORATIONS, { value: state, enumerable: false });
  }
  state.decorations.push(decoration);
}

/**
 * Runs the deferred standard decorations of `target` (from `bag`, or `Class[Symbol.metadata]`).
 * A failure is kept and thrown again on every later read, so a half-decorated class never runs.
 */
export function settleDecorations(target: Function, bag: DecorationBag | undefined = ownBag(target)): void {
  const state = bag === undefined ? undefined : (ownProperty(bag, PENDING_DECORATIONS) as PendingState | undefined);
  if (state === undefined) return;
  if (state.failure !== undefined) throw state.failure;
  const decorations = state.decorations.splice(0);
  try {
    for (const decoration of decorations) decoration(target);
  } catch (error) {
    state.failure = error;
    throw error;
  }
}

/** The metadata a class declared itself, without its base classes'. */
export function ownMetadata(target: object): ActorClassMetadata | undefined {
  if (typeof target === 'function') settleDecorations(target);
  return Reflect.getOwnMetadata(ACTOR_METADATA, target) as ActorClassMetadata | undefined;
}

/** Read-modify-write of a class's own metadata aggregate (used by the decorators only). */
export function updateMetadata(target: object, update: (metadata: ActorClassMetadata) => void): void {
  const metadata = ownMetadata(target) ?? { handlers: [], children: [] };
  update(metadata);
  Reflect.defineMetadata(ACTOR_METADATA, metadata, target);
}

/** The class and its decorated base classes, base first. */
export function metadataChain(target: Function): ActorClassMetadata[] {
  const chain: ActorClassMetadata[] = [];
  for (let current: unknown = target; typeof current === 'function' && current !== Function.prototype; current = Object.getPrototypeOf(current)) {
    const own = ownMetadata(current);
    if (own) chain.unshift(own);
  }
  return chain;
}

/** Whether `target` was decorated with standard decorators (it has its own `Symbol.metadata`). */
export function hasStandardMetadata(target: Function): boolean {
  return ownBag(target) !== undefined;
}

/** The design type of a method's parameters, or of a constructor's when `member` is omitted. */
export function designParamTypes(target: object, member?: string | symbol): unknown[] | undefined {
  return (member === undefined
    ? Reflect.getMetadata(DESIGN_PARAMTYPES, target)
    : Reflect.getMetadata(DESIGN_PARAMTYPES, target, member)) as unknown[] | undefined;
}
