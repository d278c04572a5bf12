/** Leaf-by-leaf comparison of two runs' results, for `compare` (see compare.ts). */
/** Keys whose values differ between honest runs of the same computation. */
export const RUN_KEYS: ReadonlySet<string> = new Set(['wallSeconds', 'seconds', 'reused', 'startedAt', 'commit']);

/** One leaf that differs: its path and the two values. */
export interface Difference {
  readonly path: string;
  readonly a: unknown;
  readonly b: unknown;
}

/** Every leaf of `a` and `b` (skipping {@link RUN_KEYS}) that is not the same value; `leaves` counts the leaves compared. */
export function compareValues(a: unknown, b: unknown, at = ''): { differences: Difference[]; leaves: number } {
  const differences: Difference[] = [];
  let leaves = 0;
  const walk = (x: unknown, y: unknown, p: string): void => {
    if (x !== null && y !== null && typeof x === 'object' && typeof y === 'object' && Array.isArray(x) === Array.isArray(y)) {
      const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
      for (const k of keys) if (!RUN_KEYS.has(k)) walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], Array.isArray(x) ? `${p}[${k}]` : `${p}.${k}`);
      return;
    }
    leaves += 1;
    if (!Object.is(x, y)) differences.push({ path: p, a: x, b: y });
  };
  walk(a, b, at);
  return { differences, leaves };
}
