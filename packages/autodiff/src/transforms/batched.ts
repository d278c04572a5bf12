import type { Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs-core';
import { assertFinite } from './finite-result';

/**
 * A batched scalar function: `[B, D] → [B]` (or `[B, 1]`), whose samples are independent — row
 * `b` of the output depends on row `b` of the input only. The per-sample transforms rely on it.
 */
export type BatchedScalarFn = (x: Tensor2D) => Tensor1D | Tensor2D;

/** A batched vector function: `[B, D] → [B, M]`, samples independent. */
export type BatchedVectorFn = (x: Tensor2D) => Tensor2D;

/** Options of the batched transforms (`grad`, `valueAndGrad`, `hessian`, `jacobian`) and the jets. */
export interface TransformOptions {
  /**
   * Check that x is finite and that the results are (reading both back): a RangeError naming the
   * transform instead of silent NaN or ±Infinity. `false` skips the readbacks — for callers on a
   * hot path that check for themselves (the Euler–Lagrange solver reports non-finite values
   * through its solve's `LinalgError`, once, and a readback inside every training step or
   * rollout stage would cost a device sync on GPU backends). @default true
   */
  readonly checkFinite?: boolean;
}

/**
 * Throws unless `x` is a `[B, D]` float tensor with B, D ≥ 1 and, when `checkFinite` (reading
 * its values), finite.
 */
export function checkBatchInput(x: Tensor, where: string, checkFinite = true): asserts x is Tensor2D {
  if (x == null || typeof (x as Tensor).rank !== 'number') {
    throw new TypeError(`${where}: x must be a tf.Tensor of shape [batch, dim], received ${String(x)}.`);
  }
  if (x.rank !== 2 || x.shape[0] === 0 || x.shape[1] === 0) {
    throw new TypeError(`${where}: x must have shape [batch, dim] with both ≥ 1, received [${x.shape.join(', ')}].`);
  }
  if (x.dtype !== 'float32') {
    throw new TypeError(`${where}: x must be float32, received ${x.dtype}.`);
  }
  if (!checkFinite) return;
  // Non-finite inputs give non-finite derivatives: said here, not returned as silent NaN.
  assertFinite(where, 'x', x);
}

/** Throws unless `y` has one value per sample of a batch of `batch`. */
export function checkScalarOutput(y: Tensor, batch: number, where: string): void {
  const ok = (y.rank === 1 && y.shape[0] === batch) || (y.rank === 2 && y.shape[0] === batch && y.shape[1] === 1);
  if (!ok) {
    throw new TypeError(
      `${where}: f must return one value per sample, shape [${batch}] or [${batch}, 1], received [${y.shape.join(', ')}].`,
    );
  }
}
