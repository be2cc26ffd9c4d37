import type { Cell } from '../actor/cell';

/**
 * The children restarted together when `failed` fails, in start order. `one-for-one`: the
 * failed child alone. `one-for-all`: every static child. `rest-for-one`: the failed child and
 * the static children declared after it. A spawned child is always restarted alone.
 */
export function roundMembers(owner: Cell, failed: Cell): Cell[] {
  const statics = owner.staticChildren;
  const index = statics.indexOf(failed);
  if (index < 0) return [failed];
  const live = (cell: Cell) => cell === failed || (cell.status !== 'dead' && cell.status !== 'idle');
  switch (owner.definition.supervision.strategy) {
    case 'one-for-all':
      return statics.filter(live);
    case 'rest-for-one':
      return statics.slice(index).filter(live);
    default:
      return [failed];
  }
}
