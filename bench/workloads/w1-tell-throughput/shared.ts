/**
 * W1: one million tells to one actor. The actor counts; the run ends when the count reaches
 * one million, and the count is verified. The time covers the tell loop and the drain.
 */
export const MESSAGES = 1_000_000;

/** The message: one shared instance, so no library pays for allocating it. */
export class Tick {}
export const TICK = new Tick();
