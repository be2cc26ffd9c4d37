export { DefinitionBuilder, childSettings } from './builder';
export type { ActorDefinition, ChildDefinition, ChildSettings, Injection, SupervisionSettings } from './definition';
export { HandlerTable } from './handler-table';
export type { Handler } from './handler-table';
export { defaultSegment, memberName, segmentProblem } from './naming';
export { messageClassFor, wireNameOf } from './message-registry';
export { exportedClass, notExportedProblem, requireActorModule, threadEntry } from './thread-placement';
