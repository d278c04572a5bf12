import * as tf from '@tensorflow/tfjs-core';
import { dense } from '../jet/dense';
import { add } from '../jet/arithmetic';
import type { Jet } from '../jet/jet';
import type { TransposeCache } from '../jet/transpose-cache';
import { jetActivation, tensorActivation, type Activation } from './activations';

/**
 * A fully connected network's parameters: `weights[i]` `[n_i, n_{i+1}]`, `biases[i]` `[n_{i+1}]`,
 * and, for extra per-sample inputs, `extraWeights` `[p, n_1]` into the first layer. Any tensors:
 * variables, or the arguments of a `tf.grads` function.
 */
export interface MlpParameters {
  readonly weights: readonly tf.Tensor2D[];
  readonly biases: readonly tf.Tensor1D[];
  readonly extraWeights?: tf.Tensor2D | undefined;
}

/** Options of {@link mlpForward} and {@link mlpForwardJet}. */
export interface MlpForwardOptions {
  /** The hidden layers' activation. @default 'softplus' */
  readonly activation?: Activation;
  /** The extra inputs `[B, p]`, given exactly when the parameters have `extraWeights`. */
  readonly extra?: tf.Tensor2D | undefined;
  /** Name in error messages. @default 'mlpForward' / 'mlpForwardJet' */
  readonly where?: string;
}

function extraOf(params: MlpParameters, extra: tf.Tensor2D | undefined, where: string): tf.Tensor2D | undefined {
  if ((params.extraWeights === undefined) !== (extra === undefined)) {
    throw new TypeError(`${where}: extra inputs are given exactly when the parameters have extraWeights; received ${extra === undefined ? 'no extra inputs' : 'extra inputs'} ${params.extraWeights === undefined ? 'without' : 'with'} extraWeights.`);
  }
  return extra;
}

/**
 * The network on plain tensors, `[B, n_0]` → `[B, n_L]`: `z₁ = x W₀ + b₀ (+ extra·W_e)`, then
 * `zᵢ₊₁ = act(zᵢ) Wᵢ + bᵢ`, a linear output. Differentiable in x and in the parameters.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend, initialParameters, mlpForward } from '@lnn/autodiff';
 * await initBackend();
 * const { weights, biases } = initialParameters([2, 16, 1], 'glorot', 0);
 * const x = tf.tensor2d([[0.5, -0.5]]);
 * const y = mlpForward({ weights, biases }, x, { activation: 'tanh' });
 * console.log(y.shape); // [1, 1]
 */
export function mlpForward(params: MlpParameters, x: tf.Tensor2D, options: MlpForwardOptions = {}): tf.Tensor2D {
  const { activation = 'softplus', where = 'mlpForward' } = options;
  const { weights, biases, extraWeights } = params;
  const extra = extraOf(params, options.extra, where);
  const act = tensorActivation(activation);
  let h: tf.Tensor = tf.add(tf.matMul(x, weights[0] as tf.Tensor2D), biases[0] as tf.Tensor1D);
  if (extraWeights !== undefined) h = tf.add(h, tf.matMul(extra as tf.Tensor2D, extraWeights));
  for (let i = 1; i < weights.length; i++) h = tf.add(tf.matMul(act(h) as tf.Tensor2D, weights[i] as tf.Tensor2D), biases[i] as tf.Tensor1D);
  return h as tf.Tensor2D;
}

/**
 * The same network on a jet (smooth activations only), with `jets.dense` layers: the fast path of
 * `jetHessian`. With a {@link TransposeCache}, the adjoint multiplies by cached `Wᵀ` outside
 * training. The extra inputs are constants of the function.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend, initialParameters, jetHessian, mlpForwardJet } from '@lnn/autodiff';
 * await initBackend();
 * const { weights, biases } = initialParameters([2, 16, 1], 'paper', 0);
 * const x = tf.tensor2d([[0.5, -0.5]]);
 * const { hessian } = jetHessian((x) => mlpForwardJet({ weights, biases }, x))(x);
 * console.log(hessian.shape); // [1, 2, 2]
 */
export function mlpForwardJet(params: MlpParameters, x: Jet, options: MlpForwardOptions & { readonly transposes?: TransposeCache | undefined } = {}): Jet {
  const { activation = 'softplus', where = 'mlpForwardJet', transposes } = options;
  const { weights, biases, extraWeights } = params;
  const act = jetActivation(activation, where);
  const extra = extraOf(params, options.extra, where);
  let h = dense(x, weights[0] as tf.Tensor2D, biases[0] as tf.Tensor1D, transposes);
  if (extraWeights !== undefined) h = add(h, tf.matMul(extra as tf.Tensor2D, extraWeights));
  for (let i = 1; i < weights.length; i++) h = dense(act(h), weights[i] as tf.Tensor2D, biases[i] as tf.Tensor1D, transposes);
  return h;
}
