import { checkLength, checkSize } from './internal/check';

/** Options of {@link bandToDense}. */
export interface BandToDenseOptions<T extends Float64Array | Float32Array = Float64Array> {
  /**
   * Cyclic band: offsets wrap around, `A[i][(i+o) mod n] += band[i][o+p]` (entries whose offsets
   * meet in one column add up, in order of o). Otherwise entries outside the matrix are dropped.
   * @default false
   */
  readonly periodic?: boolean;
  /** Where the band starts in `band` (e.g. `s·n·(2p+1)` for sample s of a batch). @default 0 */
  readonly offset?: number;
  /**
   * Receives the n×n matrix (zeroed first). A Float32Array accumulates wrapped entries in float32,
   * as a float32 tensor would. @default a new Float64Array(n·n)
   */
  readonly out?: T;
}

/**
 * The dense n×n row-major matrix of a band `band[i·(2p+1) + (o+p)] = A[i][i+o]`, o ∈ [−p, p]
 * (the storage of {@link bandedLuFactor} and {@link cyclicBandedSolve}): for small-size
 * fallbacks and for checking banded solvers against dense ones.
 *
 * @returns `options.out`, or a new Float64Array.
 * @example
 * import { bandToDense } from '@lnn/linalg';
 * // the periodic second difference on 4 nodes: diagonals [1, −2, 1] of each row
 * const a = bandToDense(Float64Array.of(1, -2, 1, 1, -2, 1, 1, -2, 1, 1, -2, 1), 4, 1, { periodic: true });
 * console.log(a.subarray(0, 4)); // row 0: [−2, 1, 0, 1]
 */
export function bandToDense<T extends Float64Array | Float32Array = Float64Array>(
  band: ArrayLike<number>,
  n: number,
  p: number,
  options: BandToDenseOptions<T> = {},
): T {
  const { periodic = false, offset = 0 } = options;
  const w = 2 * p + 1;
  checkSize('bandToDense', 'n', n);
  checkSize('bandToDense', 'p', p);
  checkSize('bandToDense', 'options.offset', offset);
  checkLength('bandToDense', 'band', band, offset + n * w, 'offset + n·(2p+1)');
  const a = options.out ?? (new Float64Array(n * n) as T);
  checkLength('bandToDense', 'options.out', a, n * n, 'n·n');
  a.fill(0, 0, n * n);
  for (let i = 0; i < n; i++) {
    for (let o = -p; o <= p; o++) {
      let c = i + o;
      if (periodic) c = ((c % n) + n) % n;
      else if (c < 0 || c >= n) continue;
      a[i * n + c] = a[i * n + c]! + band[offset + i * w + o + p]!;
    }
  }
  return a;
}
