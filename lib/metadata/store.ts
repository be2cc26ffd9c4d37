import 'reflect-metadata';
import { ACTOR_METADATA, DESIGN_PARAMTYPES } from './keys';
import type { ActorClassMetadata } from './records';

/** The metadata a class declared itself, without its base classes'. */
export function ownMetadata(target: object): ActorClassMetadata | undefined {
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

/** The design type of a method's parameters, or of a constructor's when `member` is omitted. */
export function designParamTypes(target: object, member?: string | symbol): unknown[] | undefined {
  return (member === undefined
    ? Reflect.getMetadata(DESIGN_PARAMTYPES, target)
    : Reflect.getMetadata(DESIGN_PARAMTYPES, target, member)) as unknown[] | undefined;
}
