export { VirtualScheduler, settle } from './virtual-scheduler';
export { startTestSystem } from './test-kit';
export type { TestKit } from './test-kit';
export { TestProbe } from './test-probe';
export type { ExpectOptions, TestSystemOptions } from './options';
