import type { SupervisionStrategy } from '../types';
import type { SupervisedChild } from './ports';

/**
 * The children restarted together when `failed` fails, in start order. `one-for-one`: the
 * failed child alone. `one-for-all`: every static child. `rest-for-one`: the failed child and
 * the static children declared after it. A spawned child is always restarted alone.
 */
export function roundMembers<C extends SupervisedChild>(strategy: SupervisionStrategy, statics: readonly C[], failed: C): C[] {
  const index = statics.indexOf(failed);
  if (index < 0) return [failed];
  const live = (child: C) => child === failed || !child.inactive;
  switch (strategy) {
    case 'one-for-all':
      return statics.filter(live);
    case 'rest-for-one':
      return statics.slice(index).filter(live);
    default:
      return [failed];
  }
}
