import type { Injection } from './definition';
import { describe, memberName } from './naming';
import { designParamTypes, hasStandardMetadata } from './store';

/**
 * Resolves how each constructor parameter of `actorClass` is filled, or explains why it
 * cannot be. `contextToken` is the runtime's `Context` class. `inject` (from `@Actor`) wins
 * over the emitted `design:paramtypes`.
 */
export function resolveInjections(
  actorClass: Function,
  decorated: boolean,
  inject: readonly unknown[] | undefined,
  providers: ReadonlyMap<unknown, unknown>,
  contextToken: Function,
  problems: string[],
): Injection[] {
  const name = memberName(actorClass);
  const params = inject ?? designParamTypes(actorClass);
  if (inject !== undefined && inject.length < actorClass.length) {
    problems.push(
      `${name}'s constructor declares ${actorClass.length} parameter(s), but @Actor({ inject }) names ${inject.length} type(s). ` +
        `List one type per parameter, in order: @Actor({ inject: [Context, Db] }).`,
    );
  }
  if (params === undefined) {
    if (actorClass.length > 0) {
      problems.push(
        hasStandardMetadata(actorClass)
          ? `${name}'s constructor declares ${actorClass.length} parameter(s), but standard decorators emit no parameter types. ` +
              `Name them, in order: @Actor({ inject: [Context, Db] }).`
          : decorated
          ? `${name}'s constructor declares ${actorClass.length} parameter(s), but no design:paramtypes metadata was emitted. ` +
              `Enable "emitDecoratorMetadata" in tsconfig.json so rampart can see the parameter types.`
          : `${name}'s constructor declares ${actorClass.length} parameter(s), but ${name} has no class decorator, so TypeScript ` +
              `emitted no parameter types. Add @Actor() to ${name} (or @Supervisor() for a supervisor), or remove the parameters.`,
      );
    }
    return [];
  }
  return params.map((type, index): Injection => {
    if (type === contextToken) return { kind: 'context' };
    if (providers.has(type)) return { kind: 'provider', value: providers.get(type) };
    const typeName = type === undefined ? 'undefined (a circular import?)' : type === Object ? 'Object (an interface, union or type-only import)' : describe(type);
    problems.push(
      `Constructor parameter #${index} of ${name} has type ${typeName}, which rampart cannot resolve. ` +
        `Type it as Context, or register a class token for it: ActorSystem.start(Root, { providers: [[Token, instance]] }).`,
    );
    return { kind: 'provider', value: undefined };
  });
}
