export { VirtualScheduler } from './virtual-scheduler';
export { settle } from './virtual-time';
export { startTestSystem } from './test-kit';
export type { TestKit } from './test-kit';
export { TestProbe } from './test-probe';
export type { ExpectOptions, TestSystemOptions } from './options';
