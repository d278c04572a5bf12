import * as tf from '@tensorflow/tfjs-core';
import { grad, hessian, jetDirectional, jetHessian } from '@lnn/autodiff';
import type { Lagrangian } from '../lagrangian';

/**
 * L (`[B]`) and ∇L (`[B, 2d]`) at states `x = [q, q̇]` (`[B, 2d]`), differentiable in L's
 * variables. A jet Lagrangian carries one (zero) tangent direction and reads the gradient off its
 * adjoint pass; a tensor Lagrangian uses reverse mode. Results are not read back (a hot path):
 * non-finite inputs give non-finite entries, which the callers' solves report.
 */
export function lagrangianValueAndGradient(lagrangian: Lagrangian, x: tf.Tensor2D): { value: tf.Tensor1D; gradient: tf.Tensor2D } {
  return tf.tidy(() => {
    if (!('jet' in lagrangian)) {
      // (autodiff's valueAndGrad keeps its value out of every tidy: a caller that drops it would leak it.)
      const f = (z: tf.Tensor2D) => lagrangian.tensor(z, undefined);
      return { value: tf.reshape(f(x), [-1]) as tf.Tensor1D, gradient: grad(f, { checkFinite: false })(x) };
    }
    const [batch, n] = x.shape;
    const direction = tf.zeros([batch, 1, n]) as tf.Tensor3D;
    const r = jetDirectional((j) => lagrangian.jet(j, undefined), { checkFinite: false })(x, direction);
    return { value: r.value, gradient: r.gradient };
  });
}

/** ∇L alone (see {@link lagrangianValueAndGradient}). */
export function lagrangianGradient(lagrangian: Lagrangian, x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => ('jet' in lagrangian ? lagrangianValueAndGradient(lagrangian, x).gradient : grad((z) => lagrangian.tensor(z, undefined), { checkFinite: false })(x)));
}

/** ∇L (`[B, 2d]`) and the whole Hessian (`[B, 2d, 2d]`, q before q̇) at states `x = [q, q̇]`. */
export function lagrangianGradientAndHessian(lagrangian: Lagrangian, x: tf.Tensor2D): { gradient: tf.Tensor2D; hessian: tf.Tensor3D } {
  return tf.tidy(() => {
    if ('jet' in lagrangian) {
      const r = jetHessian((j) => lagrangian.jet(j, undefined), { checkFinite: false })(x);
      return { gradient: r.gradient, hessian: r.hessian };
    }
    const f = (z: tf.Tensor2D) => lagrangian.tensor(z, undefined);
    return { gradient: grad(f, { checkFinite: false })(x), hessian: hessian(f, { checkFinite: false })(x) };
  });
}
