import * as tf from '@tensorflow/tfjs-core';
import { requireBackend } from '@lnn/autodiff';
import { checkPositions, checkStep, pairState, partialsFromGradient } from './discrete-lagrangian';
import type { Lagrangian } from './lagrangian';
import { lagrangianGradient } from './internal/lagrangian-gradient';

/**
 * The fourth-order discrete Euler–Lagrange residual, by Richardson extrapolation of the midpoint
 * one. Along a smooth trajectory the midpoint residual per unit step,
 * `R_h(k)/h = (D₂L_d(q_{k−1}, q_k) + D₁L_d(q_k, q_{k+1}))/h`, expands in even powers of h (its
 * stencil is symmetric): `R_h/h = ∂L/∂q − d/dt ∂L/∂q̇ + h²·c(k) + O(h⁴)`, with `c(k)` the same for
 * every h. The same residual with step 2h, on `q_{k−2}, q_k, q_{k+2}`, has `4h²·c(k)`, so
 *
 *     E₄(k) = (4·R_h(k)/h − R_{2h}(k)/(2h)) / 3 = ∂L/∂q − d/dt ∂L/∂q̇ + O(h⁴)
 *
 * on five consecutive positions: still linear in L, first derivatives of L only, no integration.
 * Force units (those of ∂L/∂q). A window is carried as its centre and four steps from it
 * (`before₁ = q − q₋₁`, `after₁ = q₊₁ − q`, `before₂ = q − q₋₂`, `after₂ = q₊₂ − q`), so
 * differences taken in float64 from data keep their precision.
 */
export function richardsonFromSteps(
  lagrangian: Lagrangian,
  q: tf.Tensor2D,
  steps: { readonly before1: tf.Tensor2D; readonly after1: tf.Tensor2D; readonly before2: tf.Tensor2D; readonly after2: tf.Tensor2D },
  dt: number,
): tf.Tensor2D {
  return tf.tidy(() => {
    const d = lagrangian.dof;
    const batch = q.shape[0];
    const { before1, after1, before2, after2 } = steps;
    const backward = (s: tf.Tensor2D) => tf.sub(q, tf.mul(s, 0.5)) as tf.Tensor2D;
    const forward = (s: tf.Tensor2D) => tf.add(q, tf.mul(s, 0.5)) as tf.Tensor2D;
    // All four pairs in one call of L: (q₋₁, q), (q, q₊₁) at Δt = h, then (q₋₂, q), (q, q₊₂) at 2h.
    const states = tf.concat(
      [pairState(backward(before1), before1, dt), pairState(forward(after1), after1, dt), pairState(backward(before2), before2, 2 * dt), pairState(forward(after2), after2, 2 * dt)],
      0,
    ) as tf.Tensor2D;
    const gradient = lagrangianGradient(lagrangian, states);
    const rows = (g: tf.Tensor2D, part: number) => tf.slice(g, [part * batch, 0], [batch, 2 * d]) as tf.Tensor2D;
    const fine = tf.concat([rows(gradient, 0), rows(gradient, 1)], 0) as tf.Tensor2D;
    const coarse = tf.concat([rows(gradient, 2), rows(gradient, 3)], 0) as tf.Tensor2D;
    const residual = (g: tf.Tensor2D, h: number) => {
      const { d1, d2 } = partialsFromGradient(g, d, h);
      return tf.div(tf.add(tf.slice(d2, [0, 0], [batch, d]), tf.slice(d1, [batch, 0], [batch, d])), h);
    };
    return tf.div(tf.sub(tf.mul(residual(fine, dt), 4), residual(coarse, 2 * dt)), 3) as tf.Tensor2D;
  });
}

/**
 * The fourth-order discrete Euler–Lagrange residual `E₄ = (4·R_h/h − R_{2h}/(2h))/3` on windows of
 * five consecutive positions `q₀ … q₄` (`[B, d]` each, Δt apart), centred on q₂: `R_h` is the
 * midpoint residual of `discreteEulerLagrangeResidual` on `(q₁, q₂, q₃)`, `R_{2h}` the same with
 * step 2Δt on `(q₀, q₂, q₄)`. It equals `∂L/∂q − d/dt ∂L/∂q̇` at q₂ up to O(Δt⁴) (the midpoint
 * residual per step: up to O(Δt²)), so on an exact trajectory of L it shrinks 16× when Δt halves.
 * Force units; `H_vv⁻¹·E₄` is the model's acceleration minus the trajectory's, which is how
 * `trainFromPositions` (`order: 4`) normalises it. Differentiable in L's variables.
 *
 * @example
 * import { initBackend } from '@lnn/autodiff';
 * import { richardsonEulerLagrangeResidual, type Lagrangian } from '@lnn/lagrangian';
 * import * as tf from '@tensorflow/tfjs-core';
 * await initBackend();
 * // the harmonic oscillator L = ½q̇² − ½q², sampled exactly: q = cos t at t = 0, 0.1, …, 0.4
 * const oscillator: Lagrangian = { dof: 1, tensor: (x) => tf.sum(tf.mul(tf.mul(x, x), tf.tensor1d([-0.5, 0.5])), 1) };
 * const q = [0, 1, 2, 3, 4].map((k) => tf.tensor2d([[Math.cos(0.1 * k)]]));
 * const [q0, q1, q2, q3, q4] = q as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
 * const r = richardsonEulerLagrangeResidual(oscillator, q0, q1, q2, q3, q4, 0.1);
 * console.log(r.dataSync()[0]); // ≈ 7e-6 (the midpoint residual per step, R_h/h, is 1.6e-3 here)
 */
export function richardsonEulerLagrangeResidual(lagrangian: Lagrangian, q0: tf.Tensor2D, q1: tf.Tensor2D, q2: tf.Tensor2D, q3: tf.Tensor2D, q4: tf.Tensor2D, dt: number): tf.Tensor2D {
  const where = 'richardsonEulerLagrangeResidual';
  requireBackend(where);
  checkStep(where, dt);
  checkPositions(where, lagrangian.dof, { q0, q1, q2, q3, q4 });
  return tf.tidy(() =>
    richardsonFromSteps(lagrangian, q2, { before1: tf.sub(q2, q1) as tf.Tensor2D, after1: tf.sub(q3, q2) as tf.Tensor2D, before2: tf.sub(q2, q0) as tf.Tensor2D, after2: tf.sub(q4, q2) as tf.Tensor2D }, dt),
  );
}
