import * as tf from '@tensorflow/tfjs-core';
import type { LocalTerms } from './local-terms';

/**
 * The local terms (see {@link LocalTerms}) of a softplus MLP density in closed form, the fast path
 * of `GraphLagrangian`: the numbers of `jetLocalTerms(mlp.jet)` (checked against it, and against a
 * float64 reference, in the tests) from plain matMuls by the weights and elementwise ops on
 * `[N, h]` matrices — no per-term Gram matrices `Jᵀ diag(w) J` of the N terms' tangents.
 *
 * With `z₁ = x W₁ + b₁`, `sₗ = σ(zₗ)`, `zₗ₊₁ = softplus(zₗ) Wₗ₊₁ + bₗ₊₁` and a linear scalar
 * output, the adjoint is `δzₗ = sₗ ⊙ δaₗ`, `δaₗ₋₁ = δzₗ Wₗᵀ`, and `∇ₓ = δz₁ W₁ᵀ`. The Hessian row
 * of a velocity input e is the derivative of ∇ₓ along e (forward over reverse): tangents
 * `ż₁ = e W₁`, `żₗ₊₁ = (żₗ ⊙ sₗ) Wₗ₊₁`, then `δżₗ = cₗ ⊙ żₗ + sₗ ⊙ δȧₗ`, `δȧₗ₋₁ = δżₗ Wₗᵀ` with
 * `cₗ = sₗ(1 − sₗ) ⊙ δaₗ`, and the row is `δż₁ W₁ᵀ`. The first layer's share `(c₁ ⊙ e W₁) W₁ᵀ` is,
 * for all k velocity inputs at once, one matMul of c₁ by a constant `[h, k·2k]` matrix; deeper
 * layers cost two `[N, h]` matMuls per input and layer. The rows give the H_vv block, and their φ
 * part dotted with the slots' φ̇ gives `H_vq φ̇`. The last hidden layer's softplus is never needed.
 *
 * Differentiable in the weights (ordinary tfjs ops), for training.
 */
export function mlpLocalTerms(weights: readonly tf.Tensor2D[], biases: readonly tf.Tensor1D[], local: tf.Tensor2D, slots: tf.Tensor2D): LocalTerms {
  const [rows, width] = local.shape;
  const k = width / 2;
  const depth = weights.length - 1;
  const w1 = weights[0]!;
  const h1 = w1.shape[1];
  const s: tf.Tensor2D[] = [];
  let a: tf.Tensor2D = local;
  for (let l = 0; l < depth; l++) {
    const z = tf.add(tf.matMul(a, weights[l]!), biases[l]!);
    s.push(tf.sigmoid(z) as tf.Tensor2D);
    // softplus(z) = max(z, 0) − log σ(|z|), with σ(|z|) = max(σ, 1 − σ) = ½ + |σ − ½| from the σ at
    // hand: one log (wasm's Softplus kernel takes as long as ~8 sigmoids), its argument in [½, 1], so
    // finite for every z, and the result accurate to float32 rounding in absolute terms.
    if (l + 1 < depth) a = tf.sub(tf.relu(z), tf.log(tf.add(0.5, tf.abs(tf.sub(s[l]!, 0.5)))));
  }
  // Explicit transposes of the weights (a matMul's transpose flag is ~13× slower on wasm).
  const wt = weights.slice(0, depth).map((w) => tf.transpose(w));
  const dz: tf.Tensor2D[] = [];
  const c: tf.Tensor2D[] = [];
  let da: tf.Tensor = tf.reshape(weights[depth]!, [1, -1]);
  for (let l = depth - 1; l >= 0; l--) {
    dz[l] = tf.mul(s[l]!, da);
    c[l] = tf.mul(dz[l]!, tf.sub(1, s[l]!));
    if (l > 0) da = tf.matMul(dz[l]!, wt[l]!);
  }
  const w1t = wt[0]!;
  const w1v = tf.slice(w1t, [0, k], [h1, k]); // [h, k]: the velocity inputs' rows of W₁, transposed
  // First layer: row e_a of the Hessian is c₁ ⊙ W₁[k + a] times W₁ᵀ, for every a at once.
  const m1 = tf.reshape(tf.mul(tf.reshape(w1v, [h1, k, 1]), tf.reshape(w1t, [h1, 1, width])), [h1, k * width]);
  let hessianRows = tf.reshape(tf.transpose(tf.matMul(c[0]!, m1)), [k, width, rows]);
  if (depth > 1) {
    const deeper = Array.from({ length: k }, (_, i) => {
      // Tangent of z₂ along velocity input i: (s₁ ⊙ W₁[k + i]) W₂.
      const tangents: tf.Tensor[] = [tf.matMul(s[0]!, tf.mul(tf.reshape(tf.slice(w1v, [0, i], [h1, 1]), [h1, 1]), weights[1]!))];
      for (let l = 2; l < depth; l++) tangents.push(tf.matMul(tf.mul(tangents[l - 2]!, s[l - 1]!), weights[l]!));
      let dDot: tf.Tensor = tf.mul(c[depth - 1]!, tangents[depth - 2]!);
      for (let l = depth - 2; l >= 0; l--) {
        const daDot = tf.matMul(dDot, wt[l + 1]!);
        dDot = l === 0 ? tf.mul(s[0]!, daDot) : tf.add(tf.mul(c[l]!, tangents[l - 1]!), tf.mul(s[l]!, daDot));
      }
      return tf.transpose(tf.matMul(dDot, w1t));
    });
    hessianRows = tf.add(hessianRows, tf.stack(deeper, 0));
  }
  // H_vv, symmetrised (the rows come from different tangents, equal up to rounding).
  const hvvRows = tf.slice(hessianRows, [0, k, 0], [k, k, rows]);
  const hvv = tf.reshape(tf.mul(tf.add(hvvRows, tf.transpose(hvvRows, [1, 0, 2])), 0.5), [k * k, rows]);
  const velocities = tf.reshape(tf.slice(slots, [k, 0], [k, rows]), [1, k, rows]);
  const hvqQdot = tf.sum(tf.mul(tf.slice(hessianRows, [0, 0, 0], [k, k, rows]), velocities), 1);
  const gradQ = tf.transpose(tf.matMul(dz[0]!, tf.slice(w1t, [0, 0], [h1, k])));
  return { rhs: tf.sub(gradQ, hvqQdot) as tf.Tensor2D, hvv: hvv as tf.Tensor2D };
}
