/**
 * The import rules of lib/ (DESIGN.md "Layout" and "Inside the runtime"), checked by
 * `npm test`. Type-only imports count: a cycle of types is a cycle of design.
 */
const layer = (names) => `^lib/(${names.join('|')})/`;

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'No import cycle anywhere in lib/, type imports included.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { circular: true },
    },
    {
      name: 'core-is-the-bottom',
      comment: 'core/ (addresses, refs, the process registry, envelopes, pending asks) imports nothing above it.',
      severity: 'error',
      from: { path: '^lib/core/' },
      to: { path: layer(['actor', 'supervision', 'dispatch', 'cluster', 'threads', 'system', 'testing', 'inspector', 'decorators', 'metadata']) },
    },
    {
      name: 'system-is-the-composition-root',
      comment: 'Only system/ knows everything: nothing below it imports it.',
      severity: 'error',
      from: { path: layer(['core', 'actor', 'supervision', 'dispatch', 'cluster', 'threads', 'metadata', 'decorators']) },
      to: { path: '^lib/system/' },
    },
    {
      name: 'decorators-only-record',
      comment: 'Decorators write metadata and nothing else.',
      severity: 'error',
      from: { path: '^lib/decorators/' },
      to: { path: layer(['core', 'actor', 'supervision', 'dispatch', 'cluster', 'threads', 'system', 'testing', 'inspector']) },
    },
    {
      name: 'metadata-only-reads',
      comment: 'metadata/ reads the decorators back; it knows no runtime (Backoff is a value it validates).',
      severity: 'error',
      from: { path: '^lib/metadata/' },
      to: {
        path: layer(['core', 'actor', 'supervision', 'dispatch', 'cluster', 'threads', 'system', 'testing', 'inspector', 'decorators']),
        pathNot: '^lib/supervision/backoff\\.ts$',
      },
    },
    {
      name: 'supervision-through-ports',
      comment: 'The supervision engine sees children only through supervision/ports.ts.',
      severity: 'error',
      from: { path: '^lib/supervision/' },
      to: { path: layer(['actor', 'dispatch', 'cluster', 'threads', 'testing', 'inspector']) },
    },
    {
      name: 'dispatch-through-ports',
      comment: 'Groups see their members only through dispatch/ports.ts.',
      severity: 'error',
      from: { path: '^lib/dispatch/' },
      to: { path: layer(['actor', 'supervision', 'cluster', 'threads', 'testing', 'inspector']) },
    },
    {
      name: 'actor-sees-ports-only',
      comment: 'actor/ reaches supervision/ and dispatch/ through their ports, never their implementations.',
      severity: 'error',
      from: { path: '^lib/actor/' },
      to: {
        path: '^lib/(supervision|dispatch)/',
        pathNot: '^lib/(supervision/(ports|backoff)|dispatch/ports)\\.ts$',
      },
    },
    {
      name: 'cluster-stays-out-of-actors',
      comment: 'cluster/ never imports actor/ or system/.',
      severity: 'error',
      from: { path: '^lib/cluster/' },
      to: { path: layer(['actor', 'system']) },
    },
    {
      name: 'testing-uses-the-public-api',
      comment: 'testing/ is built on the public API only.',
      severity: 'error',
      from: { path: '^lib/testing/' },
      to: { path: layer(['core', 'actor', 'supervision', 'dispatch', 'metadata', 'decorators', 'cluster', 'threads']) },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(spec|samples|bench)/' },
  },
};
