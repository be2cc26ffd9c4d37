export { Backoff } from './backoff';
export type { BackoffResetOptions, ExponentialBackoffOptions, LinearBackoffOptions } from './backoff';
