/**
 * W2: one hundred thousand sequential asks (request/response). Each is awaited before the
 * next; the actor replies with the request's value + 1, so the final reply must equal the
 * number of asks.
 */
export const ASKS = 100_000;

/** How long a library's ask may wait, where it needs one (nact's `query` requires it). */
export const ASK_TIMEOUT_MS = 5_000;
