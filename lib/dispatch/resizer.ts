import type { ResizeOptions } from '../types';
import type { GroupMember } from './ports';

/**
 * Bastion's resizer rule, checked every `intervalMs`: when the average mailbox exceeds
 * `mailboxThreshold`, add `ceil(size * upscaleRate)` members; when every member is idle
 * (nothing queued, nothing in flight), remove `ceil(size * downscaleRate)`. Never below
 * `min` or above `max`. `undefined` when the size should stay.
 */
export function nextSize(
  options: ResizeOptions,
  live: readonly GroupMember[],
): { size: number; reason: 'upscale' | 'downscale' } | undefined {
  const size = live.length;
  const { min, max, mailboxThreshold, upscaleRate, downscaleRate } = options;
  if (size < min) return { size: min, reason: 'upscale' };
  if (size > max) return { size: max, reason: 'downscale' };
  const queued = live.reduce((sum, member) => sum + member.queued, 0);
  if (size > 0 && queued / size > mailboxThreshold && size < max) {
    return { size: Math.min(max, size + Math.ceil(size * upscaleRate)), reason: 'upscale' };
  }
  const idle = live.every((member) => member.queued === 0 && !member.busy);
  if (idle && size > min) return { size: Math.max(min, size - Math.ceil(size * downscaleRate)), reason: 'downscale' };
  return undefined;
}
