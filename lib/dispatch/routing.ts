import type { Cell } from '../actor/cell';
import { LocalActorRef } from '../actor/local-ref';
import { ConfigurationError } from '../errors';
import type { ActorRef, DispatchStrategy } from '../types';

/** Picks one of the live members (never empty) for a message. */
export type Router = (message: unknown, live: readonly Cell[]) => Cell;

/**
 * The router of a `dispatch` option: `round-robin` rotates exactly, `random` picks
 * uniformly, `least-loaded` takes the smallest mailbox (ties broken by the rotation), and
 * a function picks among the members' refs.
 */
export function createRouter(dispatch: DispatchStrategy, groupPath: string): Router {
  let next = 0;
  switch (dispatch) {
    case 'round-robin':
      return (_message, live) => live[next++ % live.length];
    case 'random':
      return (_message, live) => live[Math.floor(Math.random() * live.length)];
    case 'least-loaded':
      return (_message, live) => {
        const start = next++ % live.length;
        let best = live[start];
        for (let offset = 1; offset < live.length; offset++) {
          const candidate = live[(start + offset) % live.length];
          if (candidate.mailbox.size < best.mailbox.size) best = candidate;
        }
        return best;
      };
    default:
      return (message, live) => {
        const chosen: ActorRef = dispatch(message, live.map((cell) => cell.ref));
        const cell = chosen instanceof LocalActorRef ? (chosen.cell as Cell) : undefined;
        if (cell === undefined || !live.includes(cell)) {
          throw new ConfigurationError(
            `The dispatch function of the group ${groupPath} returned ${String(chosen)}, which is not one of the members it was given. ` +
              `Return one of the refs in its second argument.`,
          );
        }
        return cell;
      };
  }
}
