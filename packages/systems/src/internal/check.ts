/** Throws unless `value` is a finite number > 0 (or ≥ 0 with `allowZero`), naming the parameter. */
export function positive(where: string, name: string, value: unknown, allowZero = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new RangeError(`${where}: ${name} must be a finite number ${allowZero ? '≥' : '>'} 0, received ${String(value)}.`);
  }
  return value;
}

/** Throws unless `value` is an integer ≥ `min`. */
export function integerAtLeast(where: string, name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new RangeError(`${where}: ${name} must be an integer ≥ ${min}, received ${String(value)}.`);
  }
  return value;
}

/** Throws a TypeError naming `where` unless `value` is a finite number (a seed). */
export function finiteSeed(where: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError(`${where}: ${name} must be a finite number (a seed), received ${String(value)}.`);
  return value;
}

/** The most samples one data set holds: 50 million (a [N, 4] float64 array of them is 1.6 GB). */
export const MAX_SAMPLES = 50_000_000;

/** `integerAtLeast(…, 1)` for a sample count, also at most {@link MAX_SAMPLES}. */
export function sampleCount(where: string, name: string, value: unknown, min = 1): number {
  const n = integerAtLeast(where, name, value, min);
  if (n > MAX_SAMPLES) throw new RangeError(`${where}: ${name} must be at most ${MAX_SAMPLES.toLocaleString('en')} (memory), received ${n}.`);
  return n;
}
