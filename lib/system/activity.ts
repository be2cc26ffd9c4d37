import { Cell } from '../actor/cell';
import type { AskDeadlines } from '../core/ask-deadlines';
import type { ProcessRegistry } from '../core/registry';
import type { Activity } from './test-hooks';

/**
 * How busy the actors of `registry` are now, counted over its local processes: letters
 * queued (in mailboxes and on workers), letters in flight, whether the action of
 * `askDeadlines` is scheduled, and a signature that changes whenever one of them progresses. Only the test kit asks, so nothing on the hot path pays.
 */
export function activityOf(registry: ProcessRegistry, askDeadlines: AskDeadlines): Activity {
  let queued = 0;
  let inFlight = 0;
  let onWorkers = 0;
  const parts: (string | number)[] = [];
  for (const process of registry.processes()) {
    if (!(process instanceof Cell)) continue;
    const busy = process.busy || process.status === 'starting';
    queued += process.queued;
    if (busy) inFlight++;
    // A thread cell is busy without a busy mailbox while its letters are on the worker.
    if (process.busy && !process.mailbox.busy) onWorkers++;
    parts.push(process.path, process.status, process.queued, process.mailbox.delivered, busy ? 1 : 0);
  }
  const askDeadlineActions = askDeadlines.armed ? 1 : 0;
  return { queued, inFlight, onWorkers, askDeadlineActions, signature: parts.join('|') };
}
