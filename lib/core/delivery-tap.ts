/**
 * What the runtime tells `system.inspect()` about deliveries, while someone inspects (the
 * inspector implements it; the registry holds it in its `inspection` field, `undefined`
 * while nobody inspects, so that a delivery pays one field check and nothing more).
 *
 * A letter is a bare message or an `Envelope` (see `envelope.ts`): the tap reads the
 * sender, the message and whether it is an ask from it.
 * @internal
 */
export interface DeliveryTap {
  /** The clock of `durationMs` (`performance.now()`), read when a handler starts. */
  clock(): number;
  /** The handler of `letter` at `path` on this node, started at `startedAt`, returned or threw. */
  delivered(letter: unknown, path: string, outcome: 'handled' | 'failed', startedAt: number): void;
  /** `letter` for `path` on `node` became a dead letter, and no handler ran. */
  deadLettered(letter: unknown, node: string, path: string): void;
}
