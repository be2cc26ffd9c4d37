import { ConfigurationError, describeValue } from '../errors';
import { unknownOption } from '../metadata/naming';
import type { InspectOptions } from '../types';

const WHERE = 'system.inspect()';
const KNOWN = ['sample'];

/**
 * The sample rate of `system.inspect(options)`, checked: `ConfigurationError` for options
 * that are not an object or have an unknown key (as `ActorSystem.start` treats its own),
 * `RangeError` for a sample that is not a number in [0, 1].
 */
export function sampleRate(options: InspectOptions | undefined): number {
  if (options === undefined) return 1;
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError(`${WHERE}: options must be an object such as { sample: 0.1 }, got ${describeValue(options)}.`);
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN.includes(key)) {
      throw new ConfigurationError(`${WHERE}: ${unknownOption(key, KNOWN)}.`);
    }
  }
  const sample: unknown = options.sample;
  if (sample === undefined) return 1;
  if (typeof sample !== 'number' || !(sample >= 0 && sample <= 1)) {
    throw new RangeError(`${WHERE}: options.sample must be a number in [0, 1] (the fraction of message events kept), got ${describeValue(sample)}.`);
  }
  return sample;
}
