import 'reflect-metadata';
const lib = require(process.env.LIB!);
const { ActorSystem, Child, On, Supervisor } = lib;
class Fragile { crash(n: number): void { throw new Error(`crash ${n}`); } }
On(Number)(Fragile.prototype, 'crash', Object.getOwnPropertyDescriptor(Fragile.prototype, 'crash')!);
class Root {} Child(Fragile)(Root.prototype, 'fragile'); Supervisor({ maxRestarts: Infinity })(Root);
(async () => {
  const res: number[] = [];
  for (let r = 0; r < 8; r++) {
    const system = await ActorSystem.start(Root, process.env.LIB!.includes('old') ? {} : { logger: null });
    let n = 0; let done!: () => void; const all = new Promise<void>((res) => (done = res));
    system.deadLetters$.subscribe(() => undefined);
    system.events$.subscribe((e: any) => { if (e.type === 'restarted' && ++n === 10000) done(); });
    const ref = system.lookup('/root/fragile');
    const t = performance.now(); for (let i = 0; i < 10000; i++) ref.tell(i); await all;
    if (r > 1) res.push(10000 / (performance.now() - t) * 1000);
    await system.shutdown();
  }
  res.sort((a, b) => a - b);
  console.log(process.env.LIB!.includes('old') ? 'old' : 'new', Math.round(res[res.length >> 1]));
})();
