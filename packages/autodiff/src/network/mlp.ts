import * as tf from '@tensorflow/tfjs-core';
import { requireBackend } from '../backend/require-backend';
import { scale } from '../jet/arithmetic';
import type { Jet } from '../jet/jet';
import { TransposeCache } from '../jet/transpose-cache';
import { ACTIVATIONS, type Activation } from './activations';
import { INITIALISATIONS, initialExtraWeight, initialWeight, type Initialisation } from './initialisation';
import { mlpForward, mlpForwardJet, type MlpParameters } from './mlp-forward';

/** Configuration of an {@link Mlp}; JSON-able. */
export interface MlpConfig {
  /** Inputs per sample that derivatives are taken with respect to. */
  readonly inputs: number;
  /** Hidden widths, at least one. */
  readonly hidden: readonly number[];
  /** Outputs per sample. */
  readonly outputs: number;
  /** How the weights are drawn: the LNN paper's scheme or Glorot-normal; biases start at 0. */
  readonly initialisation: Initialisation;
  /** The seed of every weight matrix (see `layerSeed`). */
  readonly seed: number;
  /** The hidden layers' activation; only smooth ones run on jets. @default 'softplus' */
  readonly activation?: Activation;
  /** p, per-sample inputs that enter the first layer through their own matrix, as constants of the function. @default 0 */
  readonly extraDim?: number;
  /** Fixed positive multipliers of the `inputs`, part of the function (derivatives go through them). @default all 1 */
  readonly inputScale?: readonly number[];
  /** Fixed positive multipliers of the extra inputs. @default all 1 */
  readonly extraScale?: readonly number[];
  /** Keep the weights' transposes for the jet adjoint outside training (see `TransposeCache`). @default false */
  readonly cacheTransposes?: boolean;
  /** The owner's name, for error messages. @default 'Mlp' */
  readonly where?: string;
}

/**
 * A fully connected network `inputs → hidden… → outputs` with an activation after every hidden
 * layer and a linear output, as tfjs variables, with a tensor forward pass ({@link Mlp.apply}) and
 * a jet one ({@link Mlp.applyJet}) computing the same function. Weights are drawn with the
 * initialisation asked for, matrix i from `layerSeed(seed, i)`; biases start at 0. Extra
 * per-sample inputs enter the first layer through their own matrix (drawn from
 * `layerSeed(seed, EXTRA_INPUTS_INDEX)`), so jets carry only the inputs derivatives are taken
 * with respect to.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend, jetHessian, Mlp } from '@lnn/autodiff';
 * await initBackend();
 * const mlp = new Mlp({ inputs: 4, hidden: [32, 32], outputs: 1, initialisation: 'paper', seed: 0 });
 * const x = tf.randomNormal([2, 4], 0, 1, 'float32', 1) as tf.Tensor2D;
 * const { hessian } = jetHessian((x) => mlp.applyJet(x))(x);
 * console.log(hessian.shape); // [2, 4, 4]
 * mlp.dispose();
 */
export class Mlp {
  readonly inputs: number;
  readonly hidden: readonly number[];
  readonly outputs: number;
  readonly activation: Activation;
  readonly initialisation: Initialisation;
  readonly extraDim: number;
  readonly weights: tf.Variable[] = [];
  readonly biases: tf.Variable[] = [];
  readonly extraWeights: tf.Variable | undefined;
  /** Weights, then biases, then the extra inputs' matrix: the order saved models rely on. */
  readonly variables: tf.Variable[];
  private readonly where: string;
  /** Multipliers `[1, inputs]` and `[1, p]`; undefined when all 1. */
  private readonly inputScale: tf.Tensor2D | undefined;
  private readonly extraScale: tf.Tensor2D | undefined;
  private readonly transposes: TransposeCache | undefined;
  /** The variables as the forward passes take them. */
  private readonly parameters: MlpParameters;

  constructor(config: MlpConfig) {
    const where = config?.where ?? 'Mlp';
    requireBackend(where);
    const { inputs, hidden, outputs, initialisation, seed, activation = 'softplus', extraDim = 0, cacheTransposes = false } = config;
    const positive = (name: string, n: number) => {
      if (!Number.isInteger(n) || n < 1) throw new TypeError(`${where}: config.${name} must be a positive integer, received ${String(n)}.`);
    };
    positive('inputs', inputs);
    positive('outputs', outputs);
    if (!Array.isArray(hidden) || hidden.length === 0 || !hidden.every((w) => Number.isInteger(w) && w > 0)) {
      throw new TypeError(`${where}: config.hidden must be a non-empty array of positive integers, received ${JSON.stringify(hidden)}.`);
    }
    if (!Number.isInteger(extraDim) || extraDim < 0) throw new TypeError(`${where}: config.extraDim must be an integer ≥ 0, received ${String(extraDim)}.`);
    if (!ACTIVATIONS.includes(activation)) throw new TypeError(`${where}: config.activation must be one of ${ACTIVATIONS.map((a) => `'${a}'`).join(', ')}, received ${JSON.stringify(activation)}.`);
    if (!INITIALISATIONS.includes(initialisation)) throw new TypeError(`${where}: config.initialisation must be 'paper' or 'glorot', received ${JSON.stringify(initialisation)}.`);
    if (!Number.isFinite(seed)) throw new TypeError(`${where}: config.seed must be a finite number, received ${String(seed)}.`);
    const inputScale = scaleOf(where, 'inputScale', config.inputScale, inputs);
    const extraScale = scaleOf(where, 'extraScale', config.extraScale, extraDim);
    this.where = where;
    this.inputs = inputs;
    this.hidden = [...hidden];
    this.outputs = outputs;
    this.activation = activation;
    this.initialisation = initialisation;
    this.extraDim = extraDim;
    // Kept: a network built inside tf.tidy must not lose them when the scope ends.
    this.inputScale = inputScale === undefined ? undefined : tf.keep(tf.tensor2d(inputScale, [1, inputs]));
    this.extraScale = extraScale === undefined ? undefined : tf.keep(tf.tensor2d(extraScale, [1, extraDim]));
    this.transposes = cacheTransposes ? new TransposeCache() : undefined;
    const widths = [inputs, ...hidden, outputs];
    const count = widths.length - 1;
    for (let i = 0; i < count; i++) {
      const [nIn, nOut] = [widths[i] as number, widths[i + 1] as number];
      this.weights.push(tf.tidy(() => tf.variable(initialWeight(initialisation, i, count, nIn, nOut, seed), true)));
      this.biases.push(tf.tidy(() => tf.variable(tf.zeros([nOut]), true)));
    }
    this.extraWeights = extraDim > 0 ? tf.tidy(() => tf.variable(initialExtraWeight(initialisation, count, extraDim, widths[1] as number, inputs, seed), true)) : undefined;
    this.variables = [...this.weights, ...this.biases, ...(this.extraWeights === undefined ? [] : [this.extraWeights])];
    this.parameters = { weights: this.weights as tf.Tensor[] as tf.Tensor2D[], biases: this.biases as tf.Tensor[] as tf.Tensor1D[], extraWeights: this.extraWeights as tf.Tensor | undefined as tf.Tensor2D | undefined };
  }

  /**
   * `[B, inputs]` (and the extra inputs `[B, p]`) → `[B, outputs]`, on plain tensors. Like the
   * jet primitives it makes intermediate tensors and leaves them to the caller's `tf.tidy`.
   */
  apply(x: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor2D {
    const scaled = this.inputScale === undefined ? x : (tf.mul(x, this.inputScale) as tf.Tensor2D);
    return mlpForward(this.parameters, scaled, { activation: this.activation, extra: this.extraInputs(extra), where: this.where });
  }

  /** The same function on a jet of the `inputs` (smooth activations only), for `jetHessian` and friends. */
  applyJet(x: Jet, extra?: tf.Tensor2D): Jet {
    const scaled = this.inputScale === undefined ? x : scale(x, this.inputScale);
    return mlpForwardJet(this.parameters, scaled, { activation: this.activation, extra: this.extraInputs(extra), where: this.where, transposes: this.transposes });
  }

  /** Disposes the variables, the input scales and the cached transposes. */
  dispose(): void {
    this.transposes?.dispose();
    tf.dispose([...this.variables, ...(this.inputScale === undefined ? [] : [this.inputScale]), ...(this.extraScale === undefined ? [] : [this.extraScale])]);
  }

  /** The extra inputs, checked against extraDim and scaled. */
  private extraInputs(extra: tf.Tensor2D | undefined): tf.Tensor2D | undefined {
    if (this.extraDim === 0) {
      if (extra !== undefined) throw new TypeError(`${this.where}: this model takes no extra inputs (config.extraDim is 0), received [${extra.shape.join(', ')}].`);
      return undefined;
    }
    if (extra === undefined || extra.rank !== 2 || extra.shape[1] !== this.extraDim) {
      throw new TypeError(`${this.where}: this model takes extra inputs of shape [batch, ${this.extraDim}], received ${extra === undefined ? 'none' : `[${extra.shape.join(', ')}]`}.`);
    }
    return this.extraScale === undefined ? extra : (tf.mul(extra, this.extraScale) as tf.Tensor2D);
  }
}

/** A scale list checked against its length (positive finite numbers); undefined when absent or all 1. */
function scaleOf(where: string, name: string, values: readonly number[] | undefined, size: number): number[] | undefined {
  if (values === undefined) return undefined;
  if (!Array.isArray(values) || values.length !== size || !values.every((c) => Number.isFinite(c) && c > 0)) {
    throw new TypeError(`${where}: config.${name} must be ${size} positive finite numbers, received ${JSON.stringify(values)}.`);
  }
  return values.every((c) => c === 1) ? undefined : [...values];
}
