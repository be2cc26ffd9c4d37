/**
 * Reports an error that has no caller to go to (a settle callback threw) as an uncaught
 * exception on a fresh stack, as Node does for an EventTarget listener that throws, instead
 * of throwing it into the loop that is settling other asks.
 */
export function reportUncaught(error: unknown): void {
  process.nextTick(() => {
    throw error;
  });
}
