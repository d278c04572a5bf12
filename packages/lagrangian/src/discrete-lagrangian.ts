import * as tf from '@tensorflow/tfjs-core';
import { requireBackend } from '@lnn/autodiff';
import type { Lagrangian } from './lagrangian';
import { lagrangianGradient, lagrangianValueAndGradient } from './internal/lagrangian-gradient';

/**
 * The midpoint discrete Lagrangian of `@lnn/ode`'s variational integrator,
 * `L_d(q₀, q₁) = Δt · L((q₀ + q₁)/2, (q₁ − q₀)/Δt)`, and its partial derivatives
 *
 *     D₁L_d(q₀, q₁) = (Δt/2) ∂L/∂q − ∂L/∂q̇,   D₂L_d(q₀, q₁) = (Δt/2) ∂L/∂q + ∂L/∂q̇
 *
 * (both at the midpoint state). A pair of positions is carried as its midpoint `m` and its step
 * `s = q₁ − q₀`: the state is `[m, s/Δt]`, so a step computed in float64 from data keeps its
 * precision (q₁ − q₀ in float32 loses ε₃₂·|q|/Δt of velocity).
 */

/** Checks that every tensor is `[B, dof]` with one B; returns B. */
export function checkPositions(where: string, dof: number, tensors: Readonly<Record<string, tf.Tensor>>): number {
  let batch = -1;
  for (const [name, t] of Object.entries(tensors)) {
    if (t == null || typeof (t as tf.Tensor).rank !== 'number') throw new TypeError(`${where}: ${name} must be a tf.Tensor of shape [batch, ${dof}], received ${String(t)}.`);
    if (t.rank !== 2 || t.shape[1] !== dof || t.shape[0] === 0) throw new TypeError(`${where}: ${name} must have shape [batch, ${dof}], received [${t.shape.join(', ')}].`);
    if (batch >= 0 && t.shape[0] !== batch) throw new TypeError(`${where}: ${name} has ${t.shape[0]} rows, the other positions ${batch}; give every argument the same batch.`);
    batch = t.shape[0] as number;
  }
  return batch;
}

/** Throws unless Δt is a positive finite number. */
export function checkStep(where: string, dt: number): void {
  if (typeof dt !== 'number' || !(dt > 0) || !Number.isFinite(dt)) throw new TypeError(`${where}: dt must be a positive finite number, received ${String(dt)}.`);
}

/** The state `[m, s/Δt]` (`[B, 2d]`) of the pair with midpoint m and step s. */
export function pairState(midpoint: tf.Tensor2D, step: tf.Tensor2D, dt: number): tf.Tensor2D {
  return tf.concat([midpoint, tf.div(step, dt)], 1) as tf.Tensor2D;
}

/** `D₁L_d` and `D₂L_d` (`[B, d]` each) from ∇L (`[B, 2d]`) at the pair's midpoint state. */
export function partialsFromGradient(gradient: tf.Tensor2D, dof: number, dt: number): { d1: tf.Tensor2D; d2: tf.Tensor2D } {
  const batch = gradient.shape[0];
  const halfGradQ = tf.mul(tf.slice(gradient, [0, 0], [batch, dof]), dt / 2);
  const gradV = tf.slice(gradient, [0, dof], [batch, dof]);
  return { d1: tf.sub(halfGradQ, gradV) as tf.Tensor2D, d2: tf.add(halfGradQ, gradV) as tf.Tensor2D };
}

/**
 * The discrete Euler–Lagrange residual at `q` from the steps before and after it
 * (`before = q − q₋`, `after = q₊ − q`): `D₂L_d(q₋, q) + D₁L_d(q, q₊)`, both pairs in one call of L.
 */
export function residualFromSteps(lagrangian: Lagrangian, q: tf.Tensor2D, before: tf.Tensor2D, after: tf.Tensor2D, dt: number): tf.Tensor2D {
  return tf.tidy(() => {
    const d = lagrangian.dof;
    const batch = q.shape[0];
    const states = tf.concat([pairState(tf.sub(q, tf.mul(before, 0.5)) as tf.Tensor2D, before, dt), pairState(tf.add(q, tf.mul(after, 0.5)) as tf.Tensor2D, after, dt)], 0) as tf.Tensor2D;
    const { d1, d2 } = partialsFromGradient(lagrangianGradient(lagrangian, states), d, dt);
    return tf.add(tf.slice(d2, [0, 0], [batch, d]), tf.slice(d1, [batch, 0], [batch, d])) as tf.Tensor2D;
  });
}

/**
 * `L_d(q₀, q₁) = Δt · L((q₀ + q₁)/2, (q₁ − q₀)/Δt)` for a batch of pairs (`[B, d]` each → `[B]`).
 *
 * @example
 * import { initBackend } from '@lnn/autodiff';
 * import { discreteLagrangian, type Lagrangian } from '@lnn/lagrangian';
 * import * as tf from '@tensorflow/tfjs-core';
 * await initBackend();
 * // the harmonic oscillator L = ½q̇² − ½q² (states x = [q, q̇])
 * const oscillator: Lagrangian = { dof: 1, tensor: (x) => tf.sum(tf.mul(tf.mul(x, x), tf.tensor1d([-0.5, 0.5])), 1) };
 * const ld = discreteLagrangian(oscillator, tf.tensor2d([[0], [1]]), tf.tensor2d([[0.1], [1]]), 0.1);
 * console.log(ld.arraySync()); // ≈ [0.0499, −0.05]: Δt·(½(0.1/Δt)² − ½·0.05²), Δt·(0 − ½·1²)
 */
export function discreteLagrangian(lagrangian: Lagrangian, q0: tf.Tensor2D, q1: tf.Tensor2D, dt: number): tf.Tensor1D {
  requireBackend('discreteLagrangian');
  checkStep('discreteLagrangian', dt);
  checkPositions('discreteLagrangian', lagrangian.dof, { q0, q1 });
  return tf.tidy(() => {
    const x = pairState(tf.mul(tf.add(q0, q1), 0.5) as tf.Tensor2D, tf.sub(q1, q0) as tf.Tensor2D, dt);
    return tf.mul(lagrangianValueAndGradient(lagrangian, x).value, dt) as tf.Tensor1D;
  });
}

/**
 * The partial derivatives `D₁L_d(q₀, q₁)` and `D₂L_d(q₀, q₁)` of the midpoint discrete Lagrangian
 * (`[B, d]` each): first derivatives of L only, differentiable in L's variables.
 *
 * @example
 * import { initBackend } from '@lnn/autodiff';
 * import { discreteLagrangianGradients, type Lagrangian } from '@lnn/lagrangian';
 * import * as tf from '@tensorflow/tfjs-core';
 * await initBackend();
 * // the harmonic oscillator L = ½q̇² − ½q² (states x = [q, q̇])
 * const oscillator: Lagrangian = { dof: 1, tensor: (x) => tf.sum(tf.mul(tf.mul(x, x), tf.tensor1d([-0.5, 0.5])), 1) };
 * const { d1, d2 } = discreteLagrangianGradients(oscillator, tf.tensor2d([[0]]), tf.tensor2d([[0.1]]), 0.1);
 * console.log(-d1.dataSync()[0]!, d2.dataSync()[0]!); // ≈ 1.0025 0.9975: the momenta p₀ = −D₁L_d, p₁ = D₂L_d (q̇ ≈ 1)
 */
export function discreteLagrangianGradients(lagrangian: Lagrangian, q0: tf.Tensor2D, q1: tf.Tensor2D, dt: number): { d1: tf.Tensor2D; d2: tf.Tensor2D } {
  requireBackend('discreteLagrangianGradients');
  checkStep('discreteLagrangianGradients', dt);
  checkPositions('discreteLagrangianGradients', lagrangian.dof, { q0, q1 });
  return tf.tidy(() => {
    const x = pairState(tf.mul(tf.add(q0, q1), 0.5) as tf.Tensor2D, tf.sub(q1, q0) as tf.Tensor2D, dt);
    return partialsFromGradient(lagrangianGradient(lagrangian, x), lagrangian.dof, dt);
  });
}

/**
 * The discrete Euler–Lagrange residual on consecutive triples, `D₂L_d(q₀, q₁) + D₁L_d(q₁, q₂)`
 * (`[B, d]`): zero, up to rounding, on any trajectory of the variational integrator of the same L
 * and Δt. Needs first derivatives of L only; differentiable in L's variables. Its size scales
 * with L's (L is defined up to a factor), so it is not itself a training loss: see
 * `trainFromPositions`.
 *
 * @example
 * import { initBackend } from '@lnn/autodiff';
 * import { discreteEulerLagrangeResidual, type Lagrangian } from '@lnn/lagrangian';
 * import * as tf from '@tensorflow/tfjs-core';
 * await initBackend();
 * // the harmonic oscillator L = ½q̇² − ½q² (states x = [q, q̇])
 * const oscillator: Lagrangian = { dof: 1, tensor: (x) => tf.sum(tf.mul(tf.mul(x, x), tf.tensor1d([-0.5, 0.5])), 1) };
 * // q = cos t sampled at t = 0, 0.1, 0.2: the midpoint rule's residual is O(Δt³) here
 * const [q0, q1, q2] = [0, 1, 2].map((k) => tf.tensor2d([[Math.cos(0.1 * k)]])) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
 * const r = discreteEulerLagrangeResidual(oscillator, q0, q1, q2, 0.1);
 * console.log(r.dataSync()[0]); // ≈ 1.7e-4, O(Δt³) (zero on the variational integrator's own trajectories)
 */
export function discreteEulerLagrangeResidual(lagrangian: Lagrangian, q0: tf.Tensor2D, q1: tf.Tensor2D, q2: tf.Tensor2D, dt: number): tf.Tensor2D {
  requireBackend('discreteEulerLagrangeResidual');
  checkStep('discreteEulerLagrangeResidual', dt);
  checkPositions('discreteEulerLagrangeResidual', lagrangian.dof, { q0, q1, q2 });
  return tf.tidy(() => residualFromSteps(lagrangian, q1, tf.sub(q1, q0) as tf.Tensor2D, tf.sub(q2, q1) as tf.Tensor2D, dt));
}
