import type { Tensor } from '@tensorflow/tfjs-core';

/** Tolerances of {@link allClose}: element-wise `|actual − expected| ≤ atol + rtol · |expected|`. */
export interface AllCloseOptions {
  /**
   * Relative tolerance. The default allows a few float32 rounding errors (ε₃₂ ≈ 1.2e-7) after a
   * handful of operations; derivatives and long reductions need looser, stated tolerances.
   * @default 1e-5
   */
  readonly rtol?: number;
  /** Absolute tolerance, for elements near zero. @default 1e-6 */
  readonly atol?: number;
}

/** What {@link compareClose} found. */
export interface CloseReport {
  readonly ok: boolean;
  /** Index of the element that exceeds its tolerance by the most (-1 when all pass). */
  readonly worstIndex: number;
  readonly worstActual: number;
  readonly worstExpected: number;
  /** Largest `|actual − expected|` over all elements. */
  readonly maxAbsError: number;
  readonly message: string;
}

type Values = number | ArrayLike<number> | Tensor;

function toValues(x: Values): { data: ArrayLike<number>; shape?: readonly number[] } {
  if (typeof x === 'number') return { data: [x] };
  if (typeof (x as Tensor).dataSync === 'function') {
    const t = x as Tensor;
    return { data: t.dataSync(), shape: t.shape };
  }
  return { data: x as ArrayLike<number> };
}

/**
 * Compares two numbers, arrays or tensors element-wise; non-finite elements must match exactly
 * (NaN matches NaN). Tensors must have the same shape.
 *
 * @example
 * import { finiteDifference, compareClose } from '@lnn/autodiff/testing';
 * const hessian = [2, 1, 1, 0]; // claimed Hessian of x₀² x₁ at (1, 1)
 * const reference = finiteDifference((x) => x[0] ** 2 * x[1], [1, 1], 2); // [2, 2, 2, 0]
 * const r = compareClose(hessian, reference, { rtol: 1e-4, atol: 1e-5 });
 * if (!r.ok) console.log(r.message); // element 1 of 4 is 1, expected 1.99999… (|difference| 1.000e+0 > …)
 */
export function compareClose(actual: Values, expected: Values, options: AllCloseOptions = {}): CloseReport {
  const { rtol = 1e-5, atol = 1e-6 } = options;
  const a = toValues(actual);
  const e = toValues(expected);
  const fail = (message: string): CloseReport => ({
    ok: false,
    worstIndex: -1,
    worstActual: Number.NaN,
    worstExpected: Number.NaN,
    maxAbsError: Number.POSITIVE_INFINITY,
    message,
  });
  if (a.shape !== undefined && e.shape !== undefined && a.shape.join() !== e.shape.join()) {
    return fail(`shape [${a.shape.join(', ')}] (actual) differs from [${e.shape.join(', ')}] (expected)`);
  }
  if (a.data.length !== e.data.length) {
    return fail(`length ${a.data.length} (actual) differs from ${e.data.length} (expected)`);
  }
  let worst = -1;
  let worstExcess = 0;
  let maxAbsError = 0;
  for (let i = 0; i < a.data.length; i++) {
    const ai = a.data[i] as number;
    const ei = e.data[i] as number;
    if (!Number.isFinite(ai) || !Number.isFinite(ei)) {
      if (Object.is(ai, ei) || (Number.isNaN(ai) && Number.isNaN(ei))) continue;
      return { ...fail(`element ${i} is ${ai}, expected ${ei}`), worstIndex: i, worstActual: ai, worstExpected: ei };
    }
    const err = Math.abs(ai - ei);
    if (err > maxAbsError) maxAbsError = err;
    const excess = err - (atol + rtol * Math.abs(ei));
    if (excess > worstExcess) {
      worstExcess = excess;
      worst = i;
    }
  }
  if (worst < 0) {
    return { ok: true, worstIndex: -1, worstActual: Number.NaN, worstExpected: Number.NaN, maxAbsError, message: 'all close' };
  }
  const ai = a.data[worst] as number;
  const ei = e.data[worst] as number;
  return {
    ok: false,
    worstIndex: worst,
    worstActual: ai,
    worstExpected: ei,
    maxAbsError,
    message:
      `element ${worst} of ${a.data.length} is ${ai}, expected ${ei} ` +
      `(|difference| ${Math.abs(ai - ei).toExponential(3)} > atol ${atol} + rtol ${rtol} · |expected|)`,
  };
}

/** Whether `actual` and `expected` agree within the tolerances (see {@link compareClose}). */
export function allClose(actual: Values, expected: Values, options: AllCloseOptions = {}): boolean {
  return compareClose(actual, expected, options).ok;
}

/**
 * Throws unless `actual` and `expected` agree within the tolerances, naming the worst element.
 *
 * @example
 * import { assertAllClose } from '@lnn/autodiff/testing';
 * const x = Float64Array.of(1, 2.00001);
 * const xReference = [1, 2];
 * assertAllClose(x, xReference, { rtol: 1e-4, label: 'solve' }); // passes: throws "solve: …" beyond the tolerance
 */
export function assertAllClose(actual: Values, expected: Values, options: AllCloseOptions & { label?: string } = {}): void {
  const report = compareClose(actual, expected, options);
  if (!report.ok) throw new Error(`${options.label ?? 'assertAllClose'}: ${report.message}`);
}
