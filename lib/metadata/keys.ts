/** The one reflect-metadata key under which each class keeps its `ActorClassMetadata`. */
export const ACTOR_METADATA = Symbol.for('rampart:actor');

/** Keys that TypeScript writes with `emitDecoratorMetadata`. */
export const DESIGN_PARAMTYPES = 'design:paramtypes';

/** Where standard member decorators leave their work in `context.metadata` until the class is known. */
export const PENDING_DECORATIONS = Symbol.for('rampart:pending-decorations');
