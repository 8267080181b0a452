import type { ByteRange } from './types.js';

/**
 * Checks a range as far as it can be checked without the object's size (RangeError otherwise)
 * and fills in the start; undefined means the whole object.
 */
export function checkRange(range: ByteRange | undefined): { start: number; end?: number } | undefined {
  if (!range || (range.start === undefined && range.end === undefined)) return undefined;
  const start = range.start ?? 0;
  if (!Number.isSafeInteger(start) || start < 0) throw new RangeError(`invalid range start: ${range.start}`);
  if (range.end === undefined) return { start };
  if (!Number.isSafeInteger(range.end) || range.end < start) throw new RangeError(`invalid range end: ${range.end}`);
  return { start, end: range.end };
}

export function unsatisfiable(start: number, size: number): RangeError {
  return new RangeError(`range starts at byte ${start} but the object has ${size} bytes`);
}
