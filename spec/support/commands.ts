import fc from 'fast-check';

/** One message a property spec sends: how, what its handler does with it, and whether time moves after. */
export interface Command<R extends string> {
  via: 'tell' | 'ask';
  result: R;
  /** Let the scheduler run (restarts included) after sending this one. */
  pause: boolean;
}

/** Commands whose handler outcome is one of `results`. */
export function commandOf<R extends string>(...results: [R, ...R[]]): fc.Arbitrary<Command<R>> {
  return fc.record({
    via: fc.constantFrom('tell' as const, 'ask' as const),
    result: fc.constantFrom(...results),
    pause: fc.boolean(),
  });
}
