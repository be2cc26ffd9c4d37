/** Handlers inherited under standard decorators (compiled by spec/decorators/standard-mode.spec.ts). */
import { On } from '../../../lib';

export class Ping {
  declare private readonly brand: 'Ping';
}
export class Pong {
  declare private readonly brand: 'Pong';
}

export class Base {
  @On(Ping) ping(): string {
    return 'base ping';
  }
  @On(Pong) pong(): string {
    return 'base pong';
  }
}

/** Has no decorator of its own: it inherits Base's handlers, and Base's Symbol.metadata. */
export class Plain extends Base {}

export class Derived extends Base {
  @On(Pong) derivedPong(): string {
    return 'derived pong';
  }
}
