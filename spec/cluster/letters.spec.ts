import { expect } from 'chai';
import { ActorStoppedError, UnreachableError } from '../../lib';
import { errorFromWire, errorToWire } from '../../lib/cluster/letters';

const roundTrip = (error: unknown) => errorFromWire(JSON.parse(JSON.stringify(errorToWire(error))));

describe('cluster/letters: errors across the wire', () => {
  it('rebuilds rampart’s own errors as their classes, UnreachableError with its node', () => {
    const stopped = roundTrip(new ActorStoppedError('gone'));
    expect(stopped).to.be.instanceOf(ActorStoppedError);
    expect(stopped.message).to.equal('gone');
    const unreachable = roundTrip(new UnreachableError('down', { node: 'node-c' }));
    expect(unreachable).to.be.instanceOf(UnreachableError);
    expect((unreachable as UnreachableError).node).to.equal('node-c');
  });

  it('rebuilds any other error as an Error with its name, message and code', () => {
    const error = roundTrip(Object.assign(new TypeError('bad'), { code: 'E_BAD' }));
    expect(error.constructor).to.equal(Error);
    expect([error.name, error.message, (error as { code?: string }).code]).to.deep.equal(['TypeError', 'bad', 'E_BAD']);
  });

  it('describes a thrown non-error, and never trusts a malformed wire error', () => {
    expect(roundTrip('just a string').message).to.equal('just a string');
    expect(errorFromWire(null).name).to.equal('Error');
    expect(errorFromWire({ name: '__proto__', message: 42 }).message).to.equal('');
  });
});
