import { expect } from 'chai';
import fc from 'fast-check';
import { decode, encode, forbiddenKey, FrameRejection, MAX_DEPTH, type RefCodec } from '../../lib/cluster/codec';
import { Message } from '../../lib/decorators/message';
import { SerializationError } from '../../lib/errors';

/** A ref as the fake node sees it: just an address. */
class FakeRef {
  constructor(readonly address: string) {}
}

const refs: RefCodec = {
  addressOf: (value) => (value instanceof FakeRef ? value.address : undefined),
  refAt: (address) => new FakeRef(address),
};

/** What a receiving node sees: the tree through JSON text, as a frame carries it. */
function roundTrip(value: unknown): unknown {
  const text = JSON.stringify(encode(value, 'message', refs));
  return decode(text === undefined ? undefined : JSON.parse(text), refs);
}

/** The SerializationError that `encode` throws for `value`. */
function refusal(value: unknown, where = 'message'): SerializationError {
  try {
    encode(value, where, refs);
  } catch (error) {
    expect(error).to.be.instanceOf(SerializationError);
    expect((error as SerializationError).code).to.equal('SERIALIZATION');
    return error as SerializationError;
  }
  expect.fail('encode should have refused the value');
}

/** The FrameRejection that `decode` throws for the tree of `json`. */
function rejection(json: string): FrameRejection {
  try {
    decode(JSON.parse(json), refs);
  } catch (error) {
    expect(error).to.be.instanceOf(FrameRejection);
    return error as FrameRejection;
  }
  expect.fail('decode should have rejected the tree');
}

function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

let constructed = 0;

@Message('spec.cluster.codec.order-placed')
class OrderPlaced {
  constructor(
    readonly id: string,
    readonly items: unknown[],
    readonly note?: string,
  ) {
    constructed++;
  }
  total(): number {
    return this.items.length;
  }
}

@Message('spec.cluster.codec.envelope')
class Envelope {
  constructor(readonly inner: OrderPlaced, readonly replyTo: FakeRef) {}
}

@Message('spec.cluster.codec.guarded')
class Guarded {
  setterRuns = 0;
  get total(): number {
    return -1;
  }
  set total(_value: number) {
    this.setterRuns++;
  }
}

class SpecialOrder extends OrderPlaced {}
class Plain {
  constructor(readonly x = 1) {}
}

describe('cluster/codec: the value codec of the wire', () => {
  describe('what crosses, round trip through JSON text', () => {
    it('JSON values come back equal', () => {
      for (const value of [null, true, false, 0, -12.5, 1e300, '', 'text ✓', [], {}, [1, 'a', null, [true]], { a: { b: [1, { c: 'd' }] } }]) {
        expect(roundTrip(value), JSON.stringify(value)).to.deep.equal(value);
      }
    });

    it('undefined crosses as a whole value; in a field it is left out, in an array it becomes null', () => {
      expect(encode(undefined, 'message', refs)).to.deep.equal({ $: 'undef' });
      expect(roundTrip(undefined)).to.equal(undefined);
      const back = roundTrip({ a: undefined, b: 1 }) as Record<string, unknown>;
      expect(back).to.deep.equal({ b: 1 });
      expect(Object.keys(back)).to.deep.equal(['b']);
      expect(roundTrip([undefined, 1])).to.deep.equal([null, 1]);
    });

    it('a @Message instance comes back an instance of its class, with its fields, without running the constructor', () => {
      const sent = new OrderPlaced('o-1', [1, 'two', { three: 3 }]);
      const before = constructed;
      const back = roundTrip(sent) as OrderPlaced;
      expect(constructed, 'the constructor did not run on decode').to.equal(before);
      expect(back).to.be.instanceOf(OrderPlaced);
      expect(back).not.to.equal(sent);
      expect(back.id).to.equal('o-1');
      expect(back.items).to.deep.equal([1, 'two', { three: 3 }]);
      expect(back.total(), 'methods come from the prototype').to.equal(3);
      expect(Object.keys(back), 'the undefined field is left out').to.deep.equal(['id', 'items']);
      expect(encode(sent, 'message', refs)).to.deep.equal({
        $: 'msg',
        n: 'spec.cluster.codec.order-placed',
        f: { id: 'o-1', items: [1, 'two', { three: 3 }] },
      });
    });

    it('defines the fields as own enumerable writable configurable data properties: no setter of the class runs', () => {
      const sent = new Guarded();
      Object.defineProperty(sent, 'total', { value: 5, enumerable: true, writable: true, configurable: true });
      const back = roundTrip(sent) as Guarded;
      expect(back).to.be.instanceOf(Guarded);
      expect(back.setterRuns).to.equal(0);
      expect(Object.getOwnPropertyDescriptor(back, 'total')).to.deep.equal({ value: 5, enumerable: true, writable: true, configurable: true });
    });

    it('refs cross as their address and are rebuilt by the RefCodec, at any depth', () => {
      const ref = new FakeRef('rampart://node-b/app/x');
      expect(encode(ref, 'message', refs)).to.deep.equal({ $: 'ref', a: 'rampart://node-b/app/x' });
      const back = roundTrip(new Envelope(new OrderPlaced('o-2', [ref, { to: ref }]), ref)) as Envelope;
      expect(back).to.be.instanceOf(Envelope);
      expect(back.replyTo).to.be.instanceOf(FakeRef).and.not.equal(ref);
      expect(back.replyTo.address).to.equal('rampart://node-b/app/x');
      expect(back.inner).to.be.instanceOf(OrderPlaced);
      expect(back.inner.items[0]).to.deep.equal(ref);
      expect((back.inner.items[1] as { to: FakeRef }).to).to.be.instanceOf(FakeRef);
    });

    it('Date, bigint and Uint8Array come back as themselves', () => {
      const date = new Date('2024-02-29T12:34:56.789Z');
      const back = roundTrip({ date, small: -12n, huge: 2n ** 200n, bytes: new Uint8Array([0, 1, 254, 255]) }) as Record<string, unknown>;
      expect(back.date).to.be.instanceOf(Date);
      expect((back.date as Date).getTime()).to.equal(date.getTime());
      expect(back.small).to.equal(-12n);
      expect(back.huge).to.equal(2n ** 200n);
      expect(back.bytes).to.deep.equal(new Uint8Array([0, 1, 254, 255]));
      expect(encode(-12n, 'message', refs)).to.deep.equal({ $: 'big', v: '-12' });
      expect(encode(date, 'message', refs)).to.deep.equal({ $: 'date', v: date.getTime() });
    });

    it('a Buffer, or a view into a larger buffer, crosses as its own bytes and comes back a plain Uint8Array', () => {
      const back = roundTrip(Buffer.from('hello')) as Uint8Array;
      expect(Object.getPrototypeOf(back)).to.equal(Uint8Array.prototype);
      expect(Buffer.from(back).toString()).to.equal('hello');
      const window = new Uint8Array([9, 1, 2, 3, 9]).subarray(1, 4);
      expect(encode(window, 'message', refs)).to.deep.equal({ $: 'u8', v: Buffer.from([1, 2, 3]).toString('base64') });
      expect(roundTrip(window)).to.deep.equal(new Uint8Array([1, 2, 3]));
    });

    it('a null-prototype object crosses like a plain object', () => {
      const bare = Object.assign(Object.create(null) as object, { a: 1, b: [2] });
      expect(encode(bare, 'message', refs)).to.equal(bare);
      expect(roundTrip(bare)).to.deep.equal({ a: 1, b: [2] });
    });
  });

  describe('escaping: no user data reads as a tag', () => {
    it('a plain object with a `$` key is escaped and comes back as the same plain object', () => {
      const lookalike = { $: 'ref', a: 'rampart://evil/app' };
      expect(encode(lookalike, 'message', refs)).to.deep.equal({ $: 'obj', v: lookalike });
      const back = roundTrip(lookalike);
      expect(back).not.to.be.instanceOf(FakeRef);
      expect(back).to.deep.equal(lookalike);
    });

    it('an escaped object keeps tags inside it, and `$` fields of a message need no escaping', () => {
      const date = new Date(7);
      const back = roundTrip({ $: { $: 'undef' }, when: date, list: [{ $: 'obj', v: 1 }] }) as Record<string, unknown>;
      expect(back).to.deep.equal({ $: { $: 'undef' }, when: date, list: [{ $: 'obj', v: 1 }] });
      const message = new OrderPlaced('o-3', []);
      Object.defineProperty(message, '$', { value: 'msg', enumerable: true, writable: true, configurable: true });
      const rebuilt = roundTrip(message) as Record<string, unknown>;
      expect(rebuilt).to.be.instanceOf(OrderPlaced);
      expect(rebuilt.$).to.equal('msg');
    });
  });

  describe('copy on write', () => {
    it('returns a tree that needs no tag as it is', () => {
      const tree = { a: [1, 2, { b: 'c' }], d: null, e: { f: true } };
      expect(encode(tree, 'message', refs)).to.equal(tree);
      expect(encode('text', 'message', refs)).to.equal('text');
    });

    it('copies only the spine above a tag, and never changes the value', () => {
      const untouched = { deep: [1, 2, 3] };
      const stamped = { when: new Date(1) };
      const tree = { other: untouched, list: [untouched, stamped], tail: 'x' };
      const out = encode(tree, 'message', refs) as typeof tree;
      expect(out).not.to.equal(tree);
      expect(out.other, 'a sibling without tags is shared').to.equal(untouched);
      expect(out.list[0]).to.equal(untouched);
      expect(out.list[1]).to.deep.equal({ when: { $: 'date', v: 1 } });
      expect(stamped.when, 'the value is left alone').to.be.instanceOf(Date);
      expect(out.tail).to.equal('x');
    });

    it('decode returns a tree without `$` keys as it is', () => {
      const tree = JSON.parse('{"a":[1,{"b":"c"}],"d":{"e":null}}') as unknown;
      expect(decode(tree, refs)).to.equal(tree);
    });
  });

  describe('refused at the sender, naming the place', () => {
    it('a function', () => {
      const error = refusal({ items: [1, 2, { callback: () => 1 }] });
      expect(error.message).to.equal('message.items[2].callback: a function cannot cross the wire');
      expect(refusal(() => 1, 'reply').message).to.equal('reply: a function cannot cross the wire');
    });

    it('a symbol, with a key that is no identifier in brackets', () => {
      expect(refusal({ user: { 'odd key': Symbol('s') } }).message).to.equal('message.user["odd key"]: a symbol cannot cross the wire');
      expect(refusal(Symbol('top')).message).to.equal('message: a symbol cannot cross the wire');
    });

    it('NaN and ±Infinity', () => {
      expect(refusal({ price: NaN }).message).to.equal('message.price: NaN cannot cross the wire: only finite numbers do');
      expect(refusal([Infinity]).message).to.equal('message[0]: Infinity cannot cross the wire: only finite numbers do');
      expect(refusal(-Infinity).message).to.equal('message: -Infinity cannot cross the wire: only finite numbers do');
    });

    it('a class instance without @Message: says the class and the fix', () => {
      expect(refusal({ p: new Plain() }).message).to.equal(
        "message.p: an instance of Plain cannot cross the wire: add @Message('some.name') to class Plain",
      );
    });

    it("a subclass of a @Message class without its own @Message: the base's does not count", () => {
      expect(refusal(new SpecialOrder('o', [])).message).to.equal(
        "message: an instance of SpecialOrder cannot cross the wire: the @Message('spec.cluster.codec.order-placed') of its base class OrderPlaced " +
          "does not count for a subclass; add @Message('some.name') to class SpecialOrder",
      );
    });

    it('Map, Set and other built-ins: says the class', () => {
      expect(refusal({ m: new Map() }).message).to.equal(
        'message.m: a Map cannot cross the wire: send a plain object or an array of its entries ([...map]) instead',
      );
      expect(refusal([new Set([1])]).message).to.equal('message[0]: a Set cannot cross the wire: send an array ([...set]) instead');
      expect(refusal(/x/).message).to.equal('message: a RegExp cannot cross the wire');
      expect(refusal(new Float64Array(1)).message).to.equal('message: a Float64Array cannot cross the wire: send a Uint8Array instead');
      expect(refusal(new TypeError('x')).message).to.equal('message: a TypeError cannot cross the wire: send its message as a string instead');
    });

    it('an invalid Date', () => {
      expect(refusal({ at: new Date(NaN) }).message).to.equal('message.at: an invalid Date cannot cross the wire');
    });

    it('a cycle, naming where it closes; a shared object that is no cycle crosses twice', () => {
      const order: Record<string, unknown> = { id: 1 };
      order.lines = [{ back: order }];
      expect(refusal({ order }).message).to.equal('message.order.lines[0].back: a cycle cannot cross the wire: it refers back to message.order');
      const selfish: unknown[] = [];
      selfish.push(selfish);
      expect(refusal(selfish).message).to.equal('message[0]: a cycle cannot cross the wire: it refers back to message');
      const shared = { n: 1 };
      expect(roundTrip([shared, shared])).to.deep.equal([{ n: 1 }, { n: 1 }]);
    });

    it(`nesting deeper than ${MAX_DEPTH} levels (and exactly ${MAX_DEPTH} crosses)`, () => {
      expect(roundTrip(nested(MAX_DEPTH))).to.deep.equal(nested(MAX_DEPTH));
      const error = refusal(nested(MAX_DEPTH + 1));
      expect(error.message).to.equal(`message${'[0]'.repeat(MAX_DEPTH)}: nesting deeper than ${MAX_DEPTH} levels cannot cross the wire`);
      expect(refusal(nested(100_000)).message).to.match(/: nesting deeper than 256 levels cannot cross the wire$/);
    });

    it('a key named __proto__, constructor or prototype', () => {
      const tail = 'cannot cross the wire: every receiver rejects __proto__, constructor and prototype keys';
      expect(refusal({ a: { constructor: 1 } }).message).to.equal(`message.a: a key named 'constructor' ${tail}`);
      expect(refusal([{ prototype: {} }]).message).to.equal(`message[0]: a key named 'prototype' ${tail}`);
      expect(refusal(JSON.parse('{"x":{"__proto__":{"admin":true}}}')).message).to.equal(`message.x: a key named '__proto__' ${tail}`);
      const message = new OrderPlaced('o', []);
      Object.defineProperty(message, 'constructor', { value: 'x', enumerable: true });
      expect(refusal(message).message).to.equal(`message: a key named 'constructor' ${tail}`);
    });
  });

  describe('hostile values never crash encode', () => {
    it('a getter that throws: SerializationError at its place, with the thrown error as cause', () => {
      const boom = new Error('boom');
      const user = {
        get name(): string {
          throw boom;
        },
      };
      const error = refusal({ user });
      expect(error.message).to.equal('message.user.name: reading it threw Error: boom, so it cannot cross the wire');
      expect(error.cause).to.equal(boom);
    });

    it('a revoked Proxy: SerializationError with the TypeError as cause', () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      const error = refusal({ list: [proxy] });
      expect(error.message).to.match(/^message\.list\[0\]: reading it threw TypeError: .*revoked.*, so it cannot cross the wire$/);
      expect(error.cause).to.be.instanceOf(TypeError);
    });

    it('a Proxy whose traps throw, and a prototype whose constructor getter throws', () => {
      const trap = new Error('no keys');
      const sneaky = new Proxy({}, { ownKeys: () => { throw trap; } });
      expect(refusal({ sneaky }).cause).to.equal(trap);
      const prototype = Object.defineProperty({}, 'constructor', { get: () => { throw new Error('nope'); } });
      expect(refusal(Object.create(prototype)).message).to.equal(
        "message: an object of an unknown class cannot cross the wire: give its class a name and @Message('some.name')",
      );
    });

    it('a RefCodec that throws on a hostile value', () => {
      const failing: RefCodec = { addressOf: () => { throw new RangeError('bad'); }, refAt: () => undefined };
      expect(() => encode(new Plain(), 'message', failing)).to.throw(SerializationError, 'message: reading it threw RangeError: bad');
    });
  });

  describe('decode rejects a tree that must not reach a handler', () => {
    it('an unknown @Message', () => {
      const error = rejection('{"$":"msg","n":"orders.x","f":{}}');
      expect(error.reason).to.equal("unknown @Message 'orders.x'");
      expect(error.message).to.equal("frame rejected: unknown @Message 'orders.x'");
    });

    it('an unknown tag, or a `$` that is no string', () => {
      expect(rejection('[{"$":"eval","v":"1"}]').reason).to.equal("unknown tag 'eval'");
      expect(rejection('{"$":null}').reason).to.equal('a tag of type null');
    });

    it('a malformed tag payload', () => {
      const cases: [string, string][] = [
        ['{"$":"ref","a":1}', "a malformed 'ref' tag"],
        ['{"$":"msg","n":"spec.cluster.codec.order-placed","f":[]}', "a malformed 'msg' tag"],
        ['{"$":"date","v":"2024"}', "a malformed 'date' tag"],
        ['{"$":"date","v":9e99}', "a malformed 'date' tag"],
        ['{"$":"big","v":"1.5"}', "a malformed 'big' tag"],
        ['{"$":"big","v":12}', "a malformed 'big' tag"],
        ['{"$":"u8","v":"a*b="}', "a malformed 'u8' tag"],
        ['{"$":"obj","v":null}', "a malformed 'obj' tag"],
      ];
      for (const [json, reason] of cases) expect(rejection(json).reason, json).to.equal(reason);
    });

    it('a ref address that the RefCodec refuses', () => {
      const picky: RefCodec = { addressOf: () => undefined, refAt: () => { throw new Error('not an address'); } };
      expect(() => decode({ $: 'ref', a: 'nonsense' }, picky)).to.throw(FrameRejection, "a ref with a bad address 'nonsense'");
    });

    it('a __proto__, constructor or prototype key, in a plain object or in message fields', () => {
      expect(rejection('{"a":[{"__proto__":{"admin":true}}]}').reason).to.equal("a key named '__proto__'");
      expect(rejection('{"$":"msg","n":"spec.cluster.codec.order-placed","f":{"constructor":1}}').reason).to.equal("a key named 'constructor'");
      expect(rejection('{"$":"obj","v":{"$":1,"prototype":2}}').reason).to.equal("a key named 'prototype'");
      expect(({} as Record<string, unknown>).admin, 'no prototype was touched').to.equal(undefined);
    });

    it(`nesting deeper than ${MAX_DEPTH} levels, even a hundred thousand deep, without a stack overflow`, () => {
      expect(decode(JSON.parse(JSON.stringify(nested(MAX_DEPTH))), refs)).to.deep.equal(nested(MAX_DEPTH));
      expect(rejection(JSON.stringify(nested(MAX_DEPTH + 1))).reason).to.equal('nesting deeper than 256 levels');
      expect(rejection('{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)).reason).to.equal('nesting deeper than 256 levels');
    });
  });

  describe('forbiddenKey', () => {
    it('finds a __proto__ key that JSON.parse made an own property', () => {
      expect(forbiddenKey(JSON.parse('{"a":[{"__proto__":1}]}'))).to.equal('a[0].__proto__');
    });

    it('finds constructor and prototype, at the top or behind odd keys; the first in document order', () => {
      expect(forbiddenKey(JSON.parse('{"constructor":1}'))).to.equal('constructor');
      expect(forbiddenKey(JSON.parse('{"odd key":{"x":[0,{"prototype":2}]},"b":{"__proto__":1}}'))).to.equal('["odd key"].x[1].prototype');
    });

    it('finds nothing in a clean tree, a primitive, or tags, and ignores forbidden words as values', () => {
      expect(forbiddenKey(JSON.parse('{"a":["__proto__",{"b":"constructor"}],"$":"obj"}'))).to.equal(undefined);
      expect(forbiddenKey('__proto__')).to.equal(undefined);
      expect(forbiddenKey(null)).to.equal(undefined);
    });

    it('walks a tree a million levels deep without a stack overflow', () => {
      const deep = nested(1_000_000);
      expect(forbiddenKey(deep)).to.equal(undefined);
      let bad: unknown = JSON.parse('{"prototype":0}');
      for (let i = 0; i < 1_000_000; i++) bad = [bad];
      expect(forbiddenKey(bad)).to.equal(`${'[0]'.repeat(1_000_000)}.prototype`);
    });
  });

  describe('property: decode(parse(stringify(encode(v)))) deep-equals v', () => {
    const positiveZero = (v: unknown): unknown => {
      if (Object.is(v, -0)) return 0;
      if (Array.isArray(v)) return v.map(positiveZero);
      if (typeof v === 'object' && v !== null && [Object.prototype, null].includes(Object.getPrototypeOf(v))) {
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, positiveZero(x)]));
      }
      return v;
    };
    const safeKey = fc.oneof(fc.string(), fc.constantFrom('$', 'a', 'odd key')).filter((key) => forbiddenKey({ [key]: 0 }) === undefined);
    const leaf = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }).filter((value) => forbiddenKey(value) === undefined),
      fc.date({ noInvalidDate: true }),
      fc.bigInt(),
      fc.uint8Array({ maxLength: 16 }),
      fc.record({ $: fc.constantFrom('ref', 'msg', 'date', 'big', 'u8', 'undef', 'obj', 'x'), a: fc.string(), v: fc.jsonValue({ maxDepth: 1 }) }),
    );
    const { value } = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(safeKey, tie('value'), { maxKeys: 4, noNullPrototype: true }),
      ),
    }));

    it('holds for arbitrary JSON values with dates, bigints, bytes and `$` keys', () => {
      fc.assert(
        fc.property(value, (v) => {
          const back = decode(JSON.parse(JSON.stringify(encode(v, 'message', refs))), refs);
          expect(back).to.deep.equal(positiveZero(v)); // -0 crosses as 0, as JSON does
        }),
        { numRuns: 500 },
      );
    });
  });
});
