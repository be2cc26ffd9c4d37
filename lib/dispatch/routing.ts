import { ConfigurationError } from '../errors';
import { describe } from '../metadata/naming';
import type { ActorRef, DispatchStrategy } from '../types';
import type { GroupMember } from './ports';

/** Picks one of the live members (never empty) for a message. */
export type Router<M extends GroupMember> = (message: unknown, live: readonly M[]) => M;

/**
 * The router of a `dispatch` option: `round-robin` rotates exactly, `random` picks
 * uniformly, `least-loaded` takes the smallest mailbox (ties broken by the rotation), and
 * a function picks among the members' refs (refs are values: an equal address counts).
 */
export function createRouter<M extends GroupMember>(dispatch: DispatchStrategy, groupPath: string): Router<M> {
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
          if (candidate.queued < best.queued) best = candidate;
        }
        return best;
      };
    default:
      return (message, live) => {
        const chosen: unknown = dispatch(message, live.map((member) => member.ref));
        const member = live.find((candidate) => candidate.ref === chosen) ?? live.find((candidate) => sameAddress(candidate.ref, chosen));
        if (member === undefined) {
          throw new ConfigurationError(
            `The dispatch function of the group ${groupPath} returned ${describe(chosen)}, which is not one of the members it was given. ` +
              `Return one of the refs in its second argument.`,
          );
        }
        return member;
      };
  }
}

function sameAddress(ref: ActorRef, chosen: unknown): boolean {
  try {
    return typeof chosen === 'object' && chosen !== null && (chosen as ActorRef).address === ref.address;
  } catch {
    return false;
  }
}
