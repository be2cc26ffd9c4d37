import { expect } from 'chai';
import fc from 'fast-check';
import { RateMeter, Recent } from '../../lib/inspector/meter';
import { pathOf } from '../../lib/inspector/views';

describe('inspector meters', () => {
  it('RateMeter gives counts per second over its window of ticks', () => {
    let now = 0;
    const meter = new RateMeter(4, () => now);
    for (let i = 0; i < 5; i++) meter.count('/app/a');
    meter.count('/app/b');
    now = 250;
    expect(Object.fromEntries(meter.tick())).to.deep.equal({ '/app/a': 20, '/app/b': 4 });
    now = 1000; // three quiet ticks' worth of time in one
    expect(Object.fromEntries(meter.tick())).to.deep.equal({ '/app/a': 5, '/app/b': 1 });
    for (let t = 0; t < 4; t++) {
      now += 250;
      meter.tick();
    }
    expect(meter.tick().size).to.equal(0); // out of the window: gone, not a zero kept forever
  });

  it('RateMeter: n messages within a full window of ticks of d ms is n * 1000 / (4 d) per second', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 50, max: 1000 }), (n, d) => {
        let now = 0;
        const meter = new RateMeter(4, () => now);
        let rates = new Map<string, number>();
        for (let t = 0; t < 4; t++) {
          if (t === 0) for (let i = 0; i < n; i++) meter.count('x');
          now += d;
          rates = meter.tick();
        }
        expect(rates.get('x')).to.be.closeTo((n * 1000) / (4 * d), 0.051); // rounded to 0.1
      }),
    );
  });

  it('Recent keeps the last items, oldest first', () => {
    const recent = new Recent<number>(3);
    [1, 2, 3, 4, 5].forEach((n) => recent.push(n));
    expect(recent.list()).to.deep.equal([3, 4, 5]);
  });

  it("pathOf reads a local address as its path and leaves another node's address alone", () => {
    expect(pathOf('rampart://a/app/x', 'a')).to.equal('/app/x');
    expect(pathOf('/app/x', 'a')).to.equal('/app/x');
    expect(pathOf('rampart://b/app/x', 'a')).to.equal('rampart://b/app/x');
  });
});
