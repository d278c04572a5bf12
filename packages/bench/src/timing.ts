/** Timing of one measured operation: median, min and max over repetitions, in milliseconds. */
export interface Timing {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly repetitions: number;
}

/** Median, min and max of samples (ms). */
export function summarise(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number, repetitions: sorted.length };
}

function measure(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/**
 * Runs `fn` `warmup` times unmeasured, then `repetitions` times measured. `fn` must finish its
 * work before returning (read results outside tf.tidy, dispose what it made).
 */
export function time(fn: () => void, repetitions: number, warmup = 2): Timing {
  for (let i = 0; i < warmup; i++) fn();
  return summarise(Array.from({ length: repetitions }, () => measure(fn)));
}

/**
 * Times two operations in alternation (a, b, a, b, …) so that a noisy, shared machine slows both
 * alike, and reports each and the ratio of their medians (`b / a`).
 */
export function timePair(a: () => void, b: () => void, repetitions: number, warmup = 2): { a: Timing; b: Timing; ratio: number } {
  for (let i = 0; i < warmup; i++) {
    a();
    b();
  }
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    sa.push(measure(a));
    sb.push(measure(b));
  }
  const ta = summarise(sa);
  const tb = summarise(sb);
  return { a: ta, b: tb, ratio: tb.median / ta.median };
}
