/** Throws unless `value` is an integer ≥ `min`, naming the function and the argument. */
export function checkSize(where: string, name: string, value: number, min = 0): void {
  if (!Number.isInteger(value) || value < min) throw new TypeError(`${where}: ${name} must be an integer ≥ ${min}, received ${String(value)}.`);
}

/** Throws unless `array` holds at least `needed` entries (`what` says why, e.g. "d·d"). */
export function checkLength(where: string, name: string, array: ArrayLike<number>, needed: number, what: string): void {
  if (array == null || typeof array.length !== 'number') throw new TypeError(`${where}: ${name} must be a typed array, received ${String(array)}.`);
  if (array.length < needed) throw new TypeError(`${where}: ${name} must hold at least ${what} = ${needed} entries, received ${array.length}.`);
}
