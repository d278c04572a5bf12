/** Summary statistics of a sample, the way the report states every spread. */
export interface Summary {
  readonly count: number;
  readonly mean: number;
  readonly median: number;
  readonly q25: number;
  readonly q75: number;
  readonly min: number;
  readonly max: number;
  /** Entries that were not finite (diverged rollouts); left out of the other figures. */
  readonly nonFinite: number;
}

const quantile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * p;
  const lo = Math.floor(position);
  const hi = Math.ceil(position);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (position - lo);
};

/**
 * Mean, median, quartiles and range of the finite values, and how many were not finite.
 *
 * @example
 * summarize([1, 2, 3, Infinity]); // { count: 4, mean: 2, median: 2, …, nonFinite: 1 }
 */
export function summarize(values: ArrayLike<number>): Summary {
  const finite = Array.from(values).filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const mean = finite.length === 0 ? Number.NaN : finite.reduce((s, v) => s + v, 0) / finite.length;
  return {
    count: values.length,
    mean,
    median: quantile(finite, 0.5),
    q25: quantile(finite, 0.25),
    q75: quantile(finite, 0.75),
    min: finite[0] ?? Number.NaN,
    max: finite[finite.length - 1] ?? Number.NaN,
    nonFinite: values.length - finite.length,
  };
}

/** Mean of |x|. */
export function meanAbs(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += Math.abs(values[i] as number);
  return total / values.length;
}
