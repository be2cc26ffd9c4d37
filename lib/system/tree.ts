import { Cell } from '../actor/cell';
import type { GroupSlot } from '../dispatch/ports';
import type { TreeNode } from '../types';

/** A snapshot of the tree below `cell`: a supervisor's groups appear as `group` nodes. */
export function snapshot(cell: Cell): TreeNode {
  const children: TreeNode[] = [];
  for (const slot of cell.slots) {
    if (!(slot instanceof Cell)) children.push(groupNode(slot));
    else if (slot.status !== 'dead') children.push(snapshot(slot));
  }
  if (cell.dynamicChildren !== undefined) for (const child of cell.dynamicChildren) children.push(snapshot(child));
  const node: TreeNode = {
    path: cell.path,
    kind: cell.isSupervisor ? 'supervisor' : 'actor',
    restarts: cell.restarts,
    mailboxSize: cell.queued,
    children,
  };
  const thread = cell.thread;
  return thread === undefined ? node : { ...node, thread };
}

function groupNode(group: GroupSlot<Cell>): TreeNode {
  const members = group.members.filter((member) => member.status !== 'dead').map(snapshot);
  return {
    path: group.path,
    kind: 'group',
    restarts: 0,
    mailboxSize: members.reduce((sum, member) => sum + member.mailboxSize, 0),
    children: members,
  };
}

/** Every live actor below and including `cell` that is not a supervisor, in start order. */
export function workers(cell: Cell, into: Cell[] = []): Cell[] {
  if (cell.status === 'dead') return into;
  if (!cell.isSupervisor) into.push(cell);
  for (const child of cell.children()) workers(child, into);
  return into;
}
