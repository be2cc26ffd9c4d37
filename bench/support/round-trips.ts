/** Round trips shared by the workloads that measure request/reply (W6 across nodes, W7 across threads). */

/** A round trip: sends `value`, resolves with the echoed value. */
export type Call = (value: number) => Promise<unknown>;

/** `count` round trips with `width` of them outstanding at any time (one lane each); ops/s. */
export async function inFlight(count: number, width: number, call: Call): Promise<number> {
  let next = 0;
  let replies = 0;
  const lane = async (): Promise<void> => {
    while (next < count) {
      const value = next++;
      const reply = await call(value);
      if (reply !== value) throw new Error(`verification failed: reply ${value} is ${String(reply)}, expected ${value}`);
      replies++;
    }
  };
  const begin = performance.now();
  await Promise.all(Array.from({ length: Math.min(width, count) }, lane));
  const elapsed = performance.now() - begin;
  if (replies !== count) throw new Error(`verification failed: ${replies} replies, expected ${count}`);
  return (count * 1000) / elapsed;
}
