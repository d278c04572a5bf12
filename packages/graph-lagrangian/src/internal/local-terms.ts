import * as tf from '@tensorflow/tfjs-core';
import { jetDirectional } from '@lnn/autodiff';
import type { DensityFn } from '../sparse-euler-lagrange';

/**
 * Each term's share of the Euler–Lagrange system `H_vv q̈ = ∇_q L − H_vq q̇`, slot-major over the
 * N = B·M terms (see `layout.ts`): what the density of one term adds on its k slots.
 */
export interface LocalTerms {
  /** `[k, N]`: `∇_φ density − (∂²density/∂φ̇∂φ) φ̇` on each slot. */
  readonly rhs: tf.Tensor2D;
  /** `[k·k, N]`: `∂²density/∂φ̇_a∂φ̇_b` at row a·k + b. */
  readonly hvv: tf.Tensor2D;
}

/** The local terms of N rows of local inputs (`[N, 2k]`, and the same slot-major `[2k, N]`). */
export type LocalTermsFn = (local: tf.Tensor2D, slots: tf.Tensor2D) => LocalTerms;

/**
 * Local terms of any jet density: k + 1 tangent directions per term — its k velocity axes and its
 * local (φ̇, 0) — carried by `jetDirectional`, whose projected Hessian holds the k×k block of H_vv
 * and, in its last column, `H_vq φ̇`. With `slots` given, the local input is `[φ slots, φ̇ slots,
 * constant features]` (width ≥ 2k; the features get no tangent).
 */
export function jetLocalTerms(density: DensityFn, slots?: number): LocalTermsFn {
  return (local) => {
    const [rows, width] = local.shape;
    const k = slots ?? width / 2;
    // Direction d < k is the unit vector on φ̇ slot d; direction k is (φ̇ on the φ slots, 0): the
    // local input times a 0/1 matrix plus a constant row (exact), no per-row copies.
    const pick = new Float32Array(width * (k + 1) * width);
    const unit = new Float32Array((k + 1) * width);
    for (let j = 0; j < k; j++) {
      pick[(k + j) * (k + 1) * width + k * width + j] = 1;
      unit[j * width + k + j] = 1;
    }
    const flat = tf.add(tf.matMul(local, tf.tensor2d(pick, [width, (k + 1) * width])), tf.tensor1d(unit));
    const directions = tf.reshape(flat, [rows, k + 1, width]) as tf.Tensor3D;
    const { gradient, hessian } = jetDirectional(density, { checkFinite: false })(local, directions);
    const h = tf.transpose(hessian, [1, 2, 0]);
    const hvqQdot = tf.reshape(tf.slice(h, [0, k, 0], [k, 1, rows]), [k, rows]);
    return {
      rhs: tf.sub(tf.slice(tf.transpose(gradient), [0, 0], [k, rows]), hvqQdot) as tf.Tensor2D,
      hvv: tf.reshape(tf.slice(h, [0, 0, 0], [k, k, rows]), [k * k, rows]) as tf.Tensor2D,
    };
  };
}
