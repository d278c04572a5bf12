import * as tf from '@tensorflow/tfjs-core';
import { matMulBT } from '../internal/mat-mul-transposed';

/**
 * The most tangent directions for which the broadcast form is used: its `[B, D, D, n]` product
 * grows with D², while a batched matMul's fixed cost per sample stops mattering once each product
 * is large (the dense path of a graph network carries n + 1 directions: D = 1,001 would need a
 * 128 GB product).
 */
const BROADCAST_MAX_DIRECTIONS = 8;

/** Sums a `[B, D, n]` gradient back over the feature axis of an operand that had one feature. */
function toFeatures(g: tf.Tensor, size: number): tf.Tensor {
  return size === 1 && g.shape[2] !== 1 ? tf.sum(g, 2, true) : g;
}

/**
 * `Σ_m a[b, i, m] c[b, m, n]` for a small `[B, D, D]` a and `[B, D, n]` c, as D broadcast products
 * `a[:, :, m] ⊗ c[:, m, :]` (a sum over a middle axis of one `[B, D, D, n]` product measured slower).
 */
function smallTimes(a: tf.Tensor, c: tf.Tensor): tf.Tensor {
  const directions = a.shape[2] as number;
  let out: tf.Tensor | undefined;
  for (let m = 0; m < directions; m++) {
    const term = tf.mul(tf.slice(a, [0, 0, m], [-1, -1, 1]), tf.slice(c, [0, m, 0], [-1, 1, -1]));
    out = out === undefined ? term : tf.add(out, term);
  }
  return out as tf.Tensor;
}

const gram = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [j, w, k, save] = args as [tf.Tensor3D, tf.Tensor2D, tf.Tensor3D, tf.GradSaveFunc];
  const jw = tf.mul(j, tf.expandDims(w, 1));
  save([j, w, k, jw]);
  // Forward, a batched matMul measured faster than the broadcast product (0.27 against 0.78 ms at
  // B = 256, D = 3, n = 128); its gradient would be B small products, hence the custom one below.
  const value = matMulBT(jw, k);
  return {
    value,
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const dG = dy as tf.Tensor3D;
      const [js, ws, ks, jws] = saved as [tf.Tensor3D, tf.Tensor2D, tf.Tensor3D, tf.Tensor3D];
      const dJw = smallTimes(dG, ks); // Σ_m dG[i, m] k[m, n]
      const dK = smallTimes(tf.transpose(dG, [0, 2, 1]), jws); // Σ_i dG[i, m] (j w)[i, n]
      const dJ = tf.mul(dJw, tf.expandDims(ws, 1));
      const dW = tf.sum(tf.mul(dJw, js), 1);
      return [toFeatures(dJ, js.shape[2]), dW.shape[1] === ws.shape[1] ? dW : tf.sum(dW, 1, true), toFeatures(dK, ks.shape[2])];
    },
  };
});

/**
 * `Σ_n j[b, i, n] w[b, n] k[b, m, n]` per sample — `J diag(w) Kᵀ` — for tangents j, k `[B, D, n]`
 * (or `[B, D, 1]`, broadcast over n) and weights w `[B, n]`: the `[B, D, D]` Hessian term of a
 * nonlinear jet node (`k = j`) or of a product (`k ≠ j`).
 *
 * D is the number of tangent directions, usually small (d + 1 for the Euler–Lagrange equation),
 * and n is a layer's width. Its value is a batched matMul; for D ≤ 8 its gradient is D broadcast
 * products `[B, D, 1] ⊙ [B, 1, n]` per operand instead of the batched matMul's gradient, which
 * wasm runs as 2B small products with a fixed cost each (B = 256, D = 3, n = 128: gradient
 * 2.9 → 1.3 ms). More directions take tfjs's gradient. Both differentiable to any order (built
 * from ordinary ops); they agree to float32 rounding (tested).
 */
export function weightedGram(j: tf.Tensor3D, w: tf.Tensor, k: tf.Tensor3D = j): tf.Tensor3D {
  const weights = (w.rank === 2 ? w : tf.reshape(w, [j.shape[0], -1])) as tf.Tensor2D;
  if ((j.shape[1] as number) > BROADCAST_MAX_DIRECTIONS) return matMulBT(tf.mul(j, tf.expandDims(weights, 1)), k) as tf.Tensor3D;
  return gram(j, weights, k) as tf.Tensor3D;
}
