import { expect } from 'chai';
import fc from 'fast-check';
import { Fifo } from '../../lib/actor/fifo';

describe('Fifo (the queue behind a mailbox)', () => {
  it('behaves like an array queue for any sequence of pushes and shifts', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer(), fc.constant('shift' as const)), { maxLength: 3000 }), (operations) => {
        const fifo = new Fifo();
        const model: number[] = [];
        for (const operation of operations) {
          if (operation === 'shift') {
            if (model.length === 0) continue;
            expect(fifo.shift()).to.equal(model.shift());
          } else {
            fifo.push(operation);
            model.push(operation);
          }
          expect(fifo.length).to.equal(model.length);
        }
        expect(fifo.toArray()).to.deep.equal(model);
      }),
      { numRuns: 100 },
    );
  });

  it('keeps order across many segments, and starts over when it runs empty', () => {
    const fifo = new Fifo();
    for (let i = 0; i < 20_000; i++) fifo.push(i);
    for (let i = 0; i < 20_000; i++) expect(fifo.shift()).to.equal(i);
    expect(fifo.length).to.equal(0);
    fifo.push('again');
    expect(fifo.toArray()).to.deep.equal(['again']);
  });
});
