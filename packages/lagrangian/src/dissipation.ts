import * as tf from '@tensorflow/tfjs-core';
import { valueAndGrad } from '@lnn/autodiff';
import { checkStates } from './euler-lagrange';

/**
 * A Rayleigh dissipation function `D(q, q̇)` for a batch of states: its value and its velocity
 * gradient `∇_q̇ D`, which enters the Lagrange–d'Alembert equation as the force `−∇_q̇ D` and the
 * energy balance as the power `−q̇·∇_q̇ D`. Made by {@link knownDissipation} (a tfjs function)
 * or learned ({@link QuadraticDissipation}).
 */
export interface Dissipation {
  /** d, the number of coordinates. */
  readonly dof: number;
  /** D per sample, `[B]`, at `q`, `q̇` (`[B, d]`). */
  value(q: tf.Tensor2D, qdot: tf.Tensor2D): tf.Tensor1D;
  /** `∇_q̇ D` per sample, `[B, d]`; differentiable in any variables D has. */
  gradient(q: tf.Tensor2D, qdot: tf.Tensor2D): tf.Tensor2D;
  /** Trainable variables (none for a known D). */
  readonly variables: readonly tf.Variable[];
}

/**
 * A known dissipation function written in tfjs, `fn(q, q̇) → [B]` (each sample's D depending on
 * its own row only); `∇_q̇ D` by reverse mode. Nothing checks that `fn` is ≥ 0: it is the
 * caller's ground truth.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend } from '@lnn/autodiff';
 * import { knownDissipation } from '@lnn/lagrangian';
 * await initBackend();
 * // viscous friction at a pivot, D = ½ b θ̇² with b = 0.5
 * const friction = knownDissipation(1, (_q, qdot) => tf.reshape(tf.mul(0.25, tf.square(qdot)), [-1]) as tf.Tensor1D);
 * const g = friction.gradient(tf.tensor2d([[0.3]]), tf.tensor2d([[2]]));
 * console.log(g.arraySync()); // [[1]]: b θ̇
 */
export function knownDissipation(dof: number, fn: (q: tf.Tensor2D, qdot: tf.Tensor2D) => tf.Tensor1D): Dissipation {
  const where = 'knownDissipation';
  if (!Number.isInteger(dof) || dof < 1) throw new TypeError(`${where}: dof must be a positive integer, received ${String(dof)}.`);
  if (typeof fn !== 'function') throw new TypeError(`${where}: fn must be a function (q, qdot) => tf.Tensor1D of D per sample, received ${String(fn)}.`);
  const value = (q: tf.Tensor2D, qdot: tf.Tensor2D): tf.Tensor1D => {
    const batch = checkStates(where, dof, q, qdot);
    const d = fn(q, qdot);
    if (d?.size !== batch) {
      d?.dispose?.();
      throw new TypeError(`${where}: fn must return one value of D per sample ([${batch}]), returned shape [${d?.shape?.join(', ')}].`);
    }
    return d.rank === 1 ? d : (tf.reshape(d, [batch]) as tf.Tensor1D);
  };
  return {
    dof,
    variables: [],
    value,
    gradient: (q, qdot) =>
      tf.tidy(() => {
        const { value: d, grad } = valueAndGrad((v) => value(q, v), { checkFinite: false })(qdot);
        d.dispose(); // kept by valueAndGrad (tf.keep): a tidy would not free it
        return grad;
      }),
  };
}
