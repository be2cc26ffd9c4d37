import type { Cell } from '../actor/cell';
import type { TreeNode } from '../types';

/** A snapshot of the tree below `cell`. */
export function snapshot(cell: Cell): TreeNode {
  return {
    path: cell.path,
    kind: cell.isSupervisor ? 'supervisor' : 'actor',
    restarts: cell.restarts,
    mailboxSize: cell.mailbox.size,
    children: cell.children().map(snapshot),
  };
}

/** Every live actor below and including `cell` that is not a supervisor, in start order. */
export function workers(cell: Cell, into: Cell[] = []): Cell[] {
  if (cell.status === 'dead') return into;
  if (!cell.isSupervisor) into.push(cell);
  for (const child of cell.children()) workers(child, into);
  return into;
}
