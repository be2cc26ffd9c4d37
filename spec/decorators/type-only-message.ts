/** A message class that on.spec.ts imports with `import type`, so its metadata emits `Object`. */
export class TypeOnlyMessage {
  readonly kind = 'type-only';
}
