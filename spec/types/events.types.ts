/** Type tests of `SystemEvent` and `InspectionEvent` as discriminated unions on `type`. Never run. */
import type { InspectionEvent, SystemEvent, SystemEventType } from '../../lib';

export function systemEvents(event: SystemEvent): unknown[] {
  // every member has the same fields
  const common: unknown[] = [event.path, event.time, event.error, event.message, event.reason, event.node];
  if (event.type === 'failed') {
    const failed: 'failed' = event.type;
    common.push(failed);
  }
  // @ts-expect-error: 'crashed' is no SystemEventType
  if (event.type === 'crashed') common.push(event);
  const kind: SystemEventType = event.type;
  return [...common, kind];
}

export function inspectionEvents(event: InspectionEvent): string {
  if (event.type === 'message') return `${event.to} ${event.messageType} ${event.outcome}`;
  // @ts-expect-error: a SystemEvent has no messageType
  void event.messageType;
  return `${event.type} ${event.path} ${String(event.reason)}`;
}

export function built(type: SystemEventType): SystemEvent {
  return { type, path: '/app', time: 0 };
}
