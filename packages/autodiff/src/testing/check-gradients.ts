import * as tf from '@tensorflow/tfjs-core';
import { compareClose, type AllCloseOptions } from './all-close';
import { DEFAULT_STEPS, finiteDifference, type HostScalarFn } from './finite-difference';

/** Options of {@link checkGradients}. */
export interface CheckGradientsOptions extends AllCloseOptions {
  /** Highest derivative order to check; every order from 1 up to it is checked. @default 2 */
  readonly order?: 1 | 2 | 3;
  /** Finite-difference steps by order (relative to `max(1, |xᵢ|)`). @default { 1: 6e-6, 2: 1e-4, 3: 1e-3 } */
  readonly steps?: Partial<Record<1 | 2 | 3, number>>;
}

/** One order's comparison. */
export interface OrderCheck {
  readonly order: 1 | 2 | 3;
  /** tfjs's derivatives (reverse mode nested `order` times), row-major `dᵒʳᵈᵉʳ`. */
  readonly autodiff: Float64Array;
  /** Central differences of the float64 reference. */
  readonly finiteDifference: Float64Array;
  readonly ok: boolean;
  readonly message: string;
}

/** The derivatives of order `order` of a scalar tfjs function at `x`, by nested `tf.grad`. */
function autodiffDerivatives(f: (x: tf.Tensor1D) => tf.Tensor, x: tf.Tensor1D, order: 1 | 2 | 3): Float64Array {
  const d = x.size;
  const unit = (i: number) => tf.reshape(tf.oneHot(tf.tensor1d([i], 'int32'), d), [d]) as tf.Tensor1D;
  // g(x) = ∇f(x); then contract with unit vectors to reach each higher-order entry.
  const grad1 = (y: tf.Tensor1D) =>
    tf.grad((z: tf.Tensor) => {
      const out = f(z as tf.Tensor1D);
      if (out.size !== 1) {
        throw new TypeError(`checkGradients: f must return a scalar, received shape [${out.shape.join(', ')}].`);
      }
      return tf.sum(out);
    })(y) as tf.Tensor1D;
  const rows: number[] = [];
  tf.tidy(() => {
    if (order === 1) {
      rows.push(...grad1(x).dataSync());
      return;
    }
    for (let i = 0; i < d; i++) {
      const ei = unit(i);
      const grad2 = (y: tf.Tensor1D) =>
        tf.grad((z: tf.Tensor) => tf.sum(tf.mul(grad1(z as tf.Tensor1D), ei)))(y) as tf.Tensor1D;
      if (order === 2) {
        rows.push(...grad2(x).dataSync());
        continue;
      }
      for (let j = 0; j < d; j++) {
        const ej = unit(j);
        rows.push(...tf.grad((z: tf.Tensor) => tf.sum(tf.mul(grad2(z as tf.Tensor1D), ej)))(x).dataSync());
      }
    }
  });
  return Float64Array.from(rows);
}

/**
 * Checks tfjs's derivatives of `f` at `x`, at every order up to `order` (1–3), against central
 * finite differences of `reference`, the same function written on plain float64 numbers.
 * Derivatives are taken by nesting `tf.grad`, so this checks the gradient rules of every kernel
 * `f` uses, at every order. Throws, naming the order and the worst entry, on a mismatch.
 *
 * Tolerances compare float32 autodiff with float64 differences: the defaults (`rtol` 1e-3,
 * `atol` 1e-4) suit O(1) values; state tighter ones where the function allows.
 *
 * @returns one comparison per order.
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend } from '@lnn/autodiff';
 * import { checkGradients } from '@lnn/autodiff/testing';
 * await initBackend();
 * const checks = checkGradients((x) => tf.sum(tf.sigmoid(x)), (x) => x.reduce((s, v) => s + 1 / (1 + Math.exp(-v)), 0),
 *   [0.3, -1.2], { order: 3 });
 * console.log(checks.map((c) => c.ok)); // [true, true, true]: orders 1, 2 and 3 (it throws on a mismatch)
 */
export function checkGradients(
  f: (x: tf.Tensor1D) => tf.Tensor,
  reference: HostScalarFn,
  x: ArrayLike<number>,
  options: CheckGradientsOptions = {},
): OrderCheck[] {
  const { order = 2, rtol = 1e-3, atol = 1e-4 } = options;
  if (![1, 2, 3].includes(order)) {
    throw new TypeError(`checkGradients: options.order must be 1, 2 or 3, received ${String(order)}.`);
  }
  if (x.length === 0) throw new TypeError('checkGradients: x must have at least one element, received an empty array.');
  const input = tf.tensor1d(Array.from(x));
  const results: OrderCheck[] = [];
  try {
    for (const k of [1, 2, 3] as const) {
      if (k > order) break;
      const autodiff = autodiffDerivatives(f, input, k);
      const fd = finiteDifference(reference, x, k, options.steps?.[k] ?? DEFAULT_STEPS[k]);
      const report = compareClose(autodiff, fd, { rtol, atol });
      results.push({ order: k, autodiff, finiteDifference: fd, ok: report.ok, message: report.message });
      if (!report.ok) {
        throw new Error(`checkGradients: order-${k} derivatives disagree with finite differences: ${report.message}.`);
      }
    }
  } finally {
    input.dispose();
  }
  return results;
}
