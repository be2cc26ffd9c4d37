/** Numbered messages and the counter that records how often each was handled (the accounting specs). */
import { Message, On } from '../../lib';

@Message('spec.cluster.numbered')
export class Numbered {
  constructor(readonly id: number) {}
}

/** How often each id was handled, over every node of the process. */
export const handled = new Map<number, number>();

export class Counter {
  @On(Numbered)
  count(message: Numbered): void {
    handled.set(message.id, (handled.get(message.id) ?? 0) + 1);
  }
}
