import * as tf from '@tensorflow/tfjs-core';
import type { Jet } from '../jet/jet';
import * as jets from '../jet/index';

/** The activations of a network's hidden layers. The smooth ones also run on jets. */
export type Activation = 'softplus' | 'tanh' | 'sigmoid' | 'relu' | 'elu';

/** Every {@link Activation}. */
export const ACTIVATIONS: readonly Activation[] = ['softplus', 'tanh', 'sigmoid', 'relu', 'elu'];

/** The activations with a jet form (twice differentiable): what Lagrangians and Hamiltonians need. */
export type SmoothActivation = 'softplus' | 'tanh' | 'sigmoid';

/** Every {@link SmoothActivation}. */
export const SMOOTH_ACTIVATIONS: readonly SmoothActivation[] = ['softplus', 'tanh', 'sigmoid'];

const onTensors: Readonly<Record<Activation, (x: tf.Tensor) => tf.Tensor>> = { softplus: tf.softplus, tanh: tf.tanh, sigmoid: tf.sigmoid, relu: tf.relu, elu: tf.elu };
const onJets: Readonly<Record<SmoothActivation, (x: Jet) => Jet>> = { softplus: jets.softplus, tanh: jets.tanh, sigmoid: jets.sigmoid };

/**
 * The tfjs op of an activation (`tf.softplus`, …).
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend, tensorActivation } from '@lnn/autodiff';
 * await initBackend();
 * const act = tensorActivation('tanh'); // tf.tanh
 * console.log(act(tf.tensor1d([0, 1])).dataSync()); // ≈ [0, 0.7616]
 */
export function tensorActivation(activation: Activation): (x: tf.Tensor) => tf.Tensor {
  return onTensors[activation];
}

/**
 * The jet primitive of a smooth activation (`jets.softplus`, …); throws, naming `where`, for one
 * with no jet form.
 *
 * @example
 * import { jetActivation, jets } from '@lnn/autodiff';
 * const act = jetActivation('softplus', 'Hnn'); // jets.softplus
 * console.log(act === jets.softplus); // true
 * try {
 *   jetActivation('relu', 'Hnn');
 * } catch (e) {
 *   console.log((e as TypeError).message); // Hnn: activation 'relu' has no jet form; use one of softplus, tanh, sigmoid.
 * }
 */
export function jetActivation(activation: Activation, where: string): (x: Jet) => Jet {
  const act = onJets[activation as SmoothActivation];
  if (act === undefined) throw new TypeError(`${where}: activation '${activation}' has no jet form; use one of ${SMOOTH_ACTIVATIONS.join(', ')}.`);
  return act;
}
