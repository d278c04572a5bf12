import * as tf from '@tensorflow/tfjs-core';
import { jets, requireBackend, type Jet } from '@lnn/autodiff';
import { layerSeed } from '@lnn/lagrangian';

/** Activations of a baseline network. The smooth ones also run on jets (HNN, DeLaN need that). */
export type Activation = 'softplus' | 'tanh' | 'sigmoid' | 'relu' | 'elu';
export const ACTIVATIONS: readonly Activation[] = ['softplus', 'tanh', 'sigmoid', 'relu', 'elu'];
export type SmoothActivation = 'softplus' | 'tanh' | 'sigmoid';
export const SMOOTH_ACTIVATIONS: readonly SmoothActivation[] = ['softplus', 'tanh', 'sigmoid'];

const tensorActivation: Record<Activation, (x: tf.Tensor) => tf.Tensor> = {
  softplus: tf.softplus,
  tanh: tf.tanh,
  sigmoid: tf.sigmoid,
  relu: tf.relu,
  elu: tf.elu,
};
const jetActivation: Record<SmoothActivation, (x: Jet) => Jet> = { softplus: jets.softplus, tanh: jets.tanh, sigmoid: jets.sigmoid };

/**
 * A fully connected network `inputs → hidden… → outputs` with an activation after every hidden
 * layer and a linear output, Glorot-normal weights (std `√(2/(n_in + n_out))`), zero biases.
 * Extra per-sample inputs (`extraDim`) enter the first layer through their own matrix, so jet
 * inputs carry only the coordinates derivatives are taken with respect to.
 */
export class Mlp {
  readonly weights: tf.Variable[] = [];
  readonly biases: tf.Variable[] = [];
  readonly extraWeights: tf.Variable | undefined;

  constructor(
    /** The owning model's name, for error messages. */
    readonly where: string,
    readonly inputs: number,
    readonly hidden: readonly number[],
    readonly outputs: number,
    readonly activation: Activation,
    seed: number,
    readonly extraDim = 0,
  ) {
    requireBackend(where);
    const widths = [inputs, ...hidden, outputs];
    for (let i = 0; i + 1 < widths.length; i++) {
      const [nIn, nOut] = [widths[i] as number, widths[i + 1] as number];
      const std = Math.sqrt(2 / (nIn + nOut));
      this.weights.push(tf.tidy(() => tf.variable(tf.randomNormal([nIn, nOut], 0, std, 'float32', layerSeed(seed, i)), true)));
      this.biases.push(tf.tidy(() => tf.variable(tf.zeros([nOut]), true)));
    }
    const first = widths[1] as number;
    this.extraWeights =
      extraDim > 0
        ? tf.tidy(() => tf.variable(tf.randomNormal([extraDim, first], 0, Math.sqrt(2 / (inputs + extraDim + first)), 'float32', layerSeed(seed, 999)), true))
        : undefined;
  }

  /** Weights, then biases, then the extra-input matrix: the order save/load relies on. */
  get variables(): tf.Variable[] {
    return [...this.weights, ...this.biases, ...(this.extraWeights === undefined ? [] : [this.extraWeights])];
  }

  /** `[B, inputs]` (and `[B, extraDim]`) → `[B, outputs]`. */
  apply(x: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor2D {
    const act = tensorActivation[this.activation];
    let h: tf.Tensor = this.first(tf.add(tf.matMul(x, this.weights[0] as tf.Tensor2D), this.biases[0] as tf.Tensor), extra);
    for (let i = 1; i < this.weights.length; i++) h = tf.add(tf.matMul(act(h) as tf.Tensor2D, this.weights[i] as tf.Tensor2D), this.biases[i] as tf.Tensor);
    return h as tf.Tensor2D;
  }

  /** The same network on a jet (smooth activations only). */
  applyJet(x: Jet, extra?: tf.Tensor2D): Jet {
    const act = jetActivation[this.activation as SmoothActivation];
    if (act === undefined) throw new TypeError(`${this.where}: activation '${this.activation}' has no jet form; use one of ${SMOOTH_ACTIVATIONS.join(', ')}.`);
    let h = jets.dense(x, this.weights[0] as tf.Variable as tf.Tensor2D, this.biases[0] as tf.Variable as tf.Tensor1D);
    if (this.extraWeights !== undefined) h = jets.add(h, tf.matMul(this.requireExtra(extra), this.extraWeights));
    else if (extra !== undefined) this.first(h.value, extra); // throws: no extra inputs
    for (let i = 1; i < this.weights.length; i++) h = jets.dense(act(h), this.weights[i] as tf.Variable as tf.Tensor2D, this.biases[i] as tf.Variable as tf.Tensor1D);
    return h;
  }

  private first(h: tf.Tensor, extra: tf.Tensor2D | undefined): tf.Tensor {
    if (this.extraWeights === undefined) {
      if (extra !== undefined) throw new TypeError(`${this.where}: this model takes no extra inputs (config.extraDim is 0), received [${extra.shape.join(', ')}].`);
      return h;
    }
    return tf.add(h, tf.matMul(this.requireExtra(extra), this.extraWeights));
  }

  private requireExtra(extra: tf.Tensor2D | undefined): tf.Tensor2D {
    if (extra === undefined || extra.rank !== 2 || extra.shape[1] !== this.extraDim) {
      throw new TypeError(`${this.where}: this model takes extra inputs of shape [batch, ${this.extraDim}], received ${extra === undefined ? 'none' : `[${extra.shape.join(', ')}]`}.`);
    }
    return extra;
  }
}
