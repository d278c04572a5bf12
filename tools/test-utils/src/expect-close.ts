/** Tolerances of {@link expectClose}: `|actual − expected| ≤ atol + rtol · |expected|` element-wise. */
export interface CloseOptions {
  /** Relative tolerance. @default 1e-5 (a few float32 ulps, after a handful of operations) */
  readonly rtol?: number;
  /** Absolute tolerance, for elements near zero. @default 1e-6 */
  readonly atol?: number;
  /** Prefix for the failure message. */
  readonly label?: string;
}

type Numeric = number | ArrayLike<number>;

function toArray(x: Numeric): ArrayLike<number> {
  return typeof x === 'number' ? [x] : x;
}

/**
 * Asserts two numbers or arrays are equal within tolerances; non-finite values must match exactly.
 * Throws an error that reports the worst element, its index and both tolerances.
 *
 * @example
 * expectClose(hessian, finiteDifference, { rtol: 1e-3, atol: 1e-4 }); // float32 FD: ~sqrt(eps)
 */
export function expectClose(actual: Numeric, expected: Numeric, options: CloseOptions = {}): void {
  const { rtol = 1e-5, atol = 1e-6, label = 'expectClose' } = options;
  const a = toArray(actual);
  const e = toArray(expected);
  if (a.length !== e.length) {
    throw new Error(`${label}: length ${a.length} (actual) differs from ${e.length} (expected).`);
  }
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < a.length; i++) {
    const ai = a[i] as number;
    const ei = e[i] as number;
    if (!Number.isFinite(ai) || !Number.isFinite(ei)) {
      if (Object.is(ai, ei)) continue;
      throw new Error(`${label}: element ${i} is ${ai}, expected ${ei}.`);
    }
    const excess = Math.abs(ai - ei) - (atol + rtol * Math.abs(ei));
    if (excess > worstExcess) {
      worstExcess = excess;
      worst = i;
    }
  }
  if (worst >= 0) {
    const ai = a[worst] as number;
    const ei = e[worst] as number;
    throw new Error(
      `${label}: element ${worst} of ${a.length} is ${ai}, expected ${ei} ` +
        `(|difference| ${Math.abs(ai - ei).toExponential(3)} > atol ${atol} + rtol ${rtol} · |expected|).`,
    );
  }
}
