/**
 * Calls `send` for every item, even when one of them throws (a full mailbox with overflow
 * `reject`); then rethrows the first error, if any. Each recipient that could not take the
 * message has already dead-lettered it, so nobody after it is skipped.
 */
export function toEach<T>(items: Iterable<T>, send: (item: T) => void): void {
  let failure: { error: unknown } | undefined;
  for (const item of items) {
    try {
      send(item);
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure !== undefined) throw failure.error;
}
