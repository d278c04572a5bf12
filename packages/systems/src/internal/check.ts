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
