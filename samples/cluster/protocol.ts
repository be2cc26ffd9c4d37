/** What the word-count nodes share: the message that crosses, and the workers' tree. */
import { Child, Message, On, Supervisor } from '../../lib';
import type { Context } from '../../lib';

/** One line of text to count. `@Message` gives it a wire name, so it arrives as a `CountLine`. */
@Message('wordcount.line')
export class CountLine {
  constructor(
    readonly index: number,
    readonly text: string,
  ) {}
}

/** Counts the words of a line, slowly enough that a node can die mid-job. Replies [word, count] pairs. */
export class Counter {
  @On(CountLine)
  async count(line: CountLine, ctx: Context): Promise<[string, number][]> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const counts = new Map<string, number>();
    for (const word of line.text.split(/\s+/).filter(Boolean)) counts.set(word, (counts.get(word) ?? 0) + 1);
    void ctx;
    return [...counts];
  }
}

/** A worker node: two counters in the cluster-wide distributor 'count'. */
@Supervisor()
export class WorkerNode {
  @Child(Counter, { redundancy: 2, distributor: 'count' }) counters!: unknown;
}

/** The producer node has no workers of its own. */
@Supervisor()
export class ProducerNode {}

const WORDS = ['actor', 'mailbox', 'supervisor', 'restart', 'node', 'cluster', 'message', 'ref', 'ask', 'tell'];

/** A deterministic corpus: `lines` lines of 3 to 12 words. */
export function corpus(lines: number): string[] {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  return Array.from({ length: lines }, () => Array.from({ length: 3 + (next() % 10) }, () => WORDS[next() % WORDS.length]).join(' '));
}
