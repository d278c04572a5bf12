import * as tf from '@tensorflow/tfjs-core';
import { LinalgError, requireBackend, solve } from '@lnn/autodiff';
import { checkPositions, checkStep, pairState, partialsFromGradient } from './discrete-lagrangian';
import type { Lagrangian } from './lagrangian';
import { lagrangianGradient, lagrangianGradientAndHessian } from './internal/lagrangian-gradient';

/** Options of {@link discreteEulerLagrangeStep}. */
export interface DiscreteStepOptions {
  /**
   * Newton iterations on the discrete Euler–Lagrange equation, from the linear extrapolation
   * `q₂ = 2q₁ − q₀`. One is exact when L is quadratic (a harmonic oscillator); for the double
   * pendulum at Δt = 0.05 a second changes the predicted second difference by less than the
   * midpoint rule's own error (see the README). @default 1
   */
  readonly newtonSteps?: number;
}

/**
 * The predicted second difference `q₊ − 2q + q₋` at `q`, given the step before it
 * (`before = q − q₋`, `[B, d]`): Newton on `D₂L_d(q₋, q) + D₁L_d(q, q₊) = 0` for `q₊`, started
 * from `q₊ = q + before`, with the Newton matrix
 * `∂D₁L_d(q, q₊)/∂q₊ = (Δt/4) H_qq + ½ (H_qv − H_vq) − H_vv/Δt` (the one `@lnn/ode`'s
 * `variational` uses; not symmetric, so an LU solve). The result does not change when L is
 * multiplied by a non-zero constant or shifted by one. Also returns `H_vv` at the last iterate's
 * midpoint (for a guard on its definiteness). Differentiable in L's variables.
 *
 * @param onSingular - where the Newton matrix is singular or not finite (e.g. L constant):
 *   `'throw'` a {@link LinalgError}; `'nan'` give those samples NaN (a training step then skips the
 *   update, and no exception leaves tfjs's gradient tape half-built).
 */
export function predictSecondDifference(
  lagrangian: Lagrangian,
  q: tf.Tensor2D,
  before: tf.Tensor2D,
  dt: number,
  newtonSteps = 1,
  onSingular: 'throw' | 'nan' = 'throw',
): { secondDifference: tf.Tensor2D; hvv: tf.Tensor3D } {
  return tf.tidy(() => {
    const d = lagrangian.dof;
    const batch = q.shape[0];
    const previous = pairState(tf.sub(q, tf.mul(before, 0.5)) as tf.Tensor2D, before, dt);
    const p = partialsFromGradient(lagrangianGradient(lagrangian, previous), d, dt).d2; // D₂L_d(q₋, q)
    let correction = tf.zeros([batch, d]) as tf.Tensor2D;
    let hvv: tf.Tensor3D | undefined;
    for (let it = 0; it < newtonSteps; it++) {
      const after = tf.add(before, correction) as tf.Tensor2D;
      const { gradient, hessian } = lagrangianGradientAndHessian(lagrangian, pairState(tf.add(q, tf.mul(after, 0.5)) as tf.Tensor2D, after, dt));
      const residual = tf.add(p, partialsFromGradient(gradient, d, dt).d1);
      const block = (row: number, column: number) => tf.slice(hessian, [0, row, column], [batch, d, d]) as tf.Tensor3D;
      hvv = block(d, d);
      const jacobian = tf.addN([tf.mul(block(0, 0), dt / 4), tf.mul(tf.sub(block(0, d), block(d, 0)), 0.5), tf.div(hvv, -dt)]) as tf.Tensor3D;
      correction = tf.sub(correction, onSingular === 'throw' ? solve(jacobian, residual) : solveOrNaN(jacobian, residual as tf.Tensor2D)) as tf.Tensor2D;
    }
    return { secondDifference: correction, hvv: hvv as tf.Tensor3D };
  });
}

/** `solve(a, b)`, with NaN rows where a sample's system is singular or not finite instead of an exception. */
export function solveOrNaN(a: tf.Tensor3D, b: tf.Tensor2D): tf.Tensor2D {
  try {
    return solve(a, b) as tf.Tensor2D;
  } catch (error) {
    if (!(error instanceof LinalgError)) throw error;
    const [batch, d] = b.shape;
    const bad = new Float32Array(batch);
    for (const s of error.samples) bad[s] = 1;
    const mask = tf.tensor1d(bad);
    const rows = tf.reshape(mask, [batch, 1]);
    const safeA = tf.where(tf.cast(tf.reshape(mask, [batch, 1, 1]), 'bool'), tf.broadcastTo(tf.eye(d), [batch, d, d]), a) as tf.Tensor3D;
    const safeB = tf.where(tf.cast(rows, 'bool'), tf.zerosLike(b), b);
    return tf.where(tf.cast(rows, 'bool'), tf.fill([batch, d], Number.NaN), solve(safeA, safeB)) as tf.Tensor2D;
  }
}

/**
 * Predicts the next positions `q₂` from two consecutive ones by the discrete Euler–Lagrange
 * equation of the midpoint discrete Lagrangian (`[B, d]` each) — one step of the variational
 * integrator in position form, with a fixed number of Newton iterations so that it stays
 * differentiable in L's variables (training from positions uses it).
 *
 * @throws {TypeError} on wrong shapes or options; {@link LinalgError} on a singular Newton matrix.
 * @example
 * import { initBackend } from '@lnn/autodiff';
 * import { discreteEulerLagrangeStep, type Lagrangian } from '@lnn/lagrangian';
 * import * as tf from '@tensorflow/tfjs-core';
 * await initBackend();
 * // the harmonic oscillator L = ½q̇² − ½q² (states x = [q, q̇])
 * const oscillator: Lagrangian = { dof: 1, tensor: (x) => tf.sum(tf.mul(tf.mul(x, x), tf.tensor1d([-0.5, 0.5])), 1) };
 * const q2 = discreteEulerLagrangeStep(oscillator, tf.tensor2d([[1]]), tf.tensor2d([[Math.cos(0.1)]]), 0.1, { newtonSteps: 2 });
 * console.log(q2.dataSync()[0], Math.cos(0.2)); // ≈ 0.98008 0.98007: one variational step of q = cos t
 */
export function discreteEulerLagrangeStep(lagrangian: Lagrangian, q0: tf.Tensor2D, q1: tf.Tensor2D, dt: number, options: DiscreteStepOptions = {}): tf.Tensor2D {
  const where = 'discreteEulerLagrangeStep';
  requireBackend(where);
  checkStep(where, dt);
  checkPositions(where, lagrangian.dof, { q0, q1 });
  const { newtonSteps = 1 } = options;
  if (!Number.isInteger(newtonSteps) || newtonSteps < 1) throw new TypeError(`${where}: options.newtonSteps must be a positive integer, received ${String(newtonSteps)}.`);
  return tf.tidy(() => {
    const before = tf.sub(q1, q0) as tf.Tensor2D;
    const { secondDifference } = predictSecondDifference(lagrangian, q1, before, dt, newtonSteps);
    return tf.add(tf.add(q1, before), secondDifference) as tf.Tensor2D;
  });
}
