export { serveInspector } from './serve';
export type { InspectorServer } from './serve';
export type { InspectorOptions } from './server-options';
export type { InspectedSystem } from './ports';
