import * as tf from '@tensorflow/tfjs-core';
import { jets, requireBackend, TransposeCache, type Jet } from '@lnn/autodiff';
import type { DynamicsModel } from './dynamics-model';
import { eulerLagrange, eulerLagrangeWithHessian, lagrangianEnergy, type EulerLagrangeOptions } from './euler-lagrange';
import type { Lagrangian } from './lagrangian';

/** How angular coordinates enter the network. */
export type AngleTransform = 'none' | 'wrap' | 'features';

/** Configuration of {@link MlpLagrangian}; JSON-able. */
export interface MlpLagrangianConfig {
  /** d, the number of coordinates. */
  readonly dof: number;
  /** p, per-sample inputs that are not coordinates (e.g. the relativistic particle's g). @default 0 */
  readonly extraDim?: number;
  /** Hidden widths. @default [600, 600, 600] (the official double-pendulum network, 4 weight matrices) */
  readonly hidden?: readonly number[];
  /** Indices of angular coordinates among q. @default [] */
  readonly angles?: readonly number[];
  /**
   * `'wrap'`: angles mapped to [−π, π); `'features'`: each angle replaced by (cos q, sin q).
   * @default 'none'
   */
  readonly angleTransform?: AngleTransform;
  /**
   * Fixed positive multipliers of the network's inputs, part of L (derivatives go through them):
   * one number for every component or one per component of q, q̇ and the extra inputs. They put
   * inputs of very different sizes on one footing, like the official relativistic notebook's
   * q/10 and g/10. An angular coordinate's scale multiplies its wrapped value or its (cos, sin).
   * @default all 1
   */
  readonly inputScale?: InputScaleConfig;
  /** Seed of the initialisation. @default 0 */
  readonly seed?: number;
  /** How `H_vv` is inverted in `accelerations`. @default { inverse: 'pinv' } */
  readonly solver?: EulerLagrangeOptions;
}

/** {@link MlpLagrangianConfig.inputScale}: a number for all of a group's components, or one per component. */
export interface InputScaleConfig {
  readonly q?: number | readonly number[];
  readonly qdot?: number | readonly number[];
  readonly extra?: number | readonly number[];
}

/** The input scales, one per component. */
export interface InputScale {
  readonly q: readonly number[];
  readonly qdot: readonly number[];
  readonly extra: readonly number[];
}

function inputScaleOf(config: InputScaleConfig | undefined, dof: number, extraDim: number, where: string): InputScale {
  if (config !== undefined && (config === null || typeof config !== 'object')) {
    throw new TypeError(`${where}: config.inputScale must be { q?, qdot?, extra? }, received ${JSON.stringify(config)}.`);
  }
  const group = (name: keyof InputScaleConfig, size: number): number[] => {
    const value = config?.[name] ?? 1;
    const values = typeof value === 'number' ? Array.from({ length: size }, () => value) : Array.isArray(value) ? [...value] : [];
    if (values.length !== size || !values.every((c) => Number.isFinite(c) && c > 0)) {
      throw new TypeError(`${where}: config.inputScale.${name} must be a positive finite number or ${size} of them, received ${JSON.stringify(value)}.`);
    }
    return values;
  };
  return { q: group('q', dof), qdot: group('qdot', dof), extra: group('extra', extraDim) };
}

/**
 * The tfjs seed of weight matrix `index`: never 0, which tfjs's random ops read as "no seed"
 * (`seed ? seed : Math.random()`), silently making the initialisation irreproducible.
 */
export function layerSeed(seed: number, index: number): number {
  const value = seed * 1000 + index + 1;
  return value === 0 ? 1e9 + index : value;
}

/**
 * The paper's initialisation: biases 0, weights normal with std `c/√n`, n the larger dimension of
 * the matrix, `c = 2.2` for the first matrix, `0.58·i` for hidden matrix i (1-based), `n` for the
 * output matrix.
 */
export function paperInitStd(index: number, count: number, nIn: number, nOut: number): number {
  const n = Math.max(nIn, nOut);
  const c = index === 0 ? 2.2 : index === count - 1 ? n : 0.58 * index;
  return c / Math.sqrt(n);
}

/**
 * A Lagrangian Neural Network: an MLP with softplus activations whose scalar output is taken as
 * `L(q, q̇)`; accelerations follow from the Euler–Lagrange equation (jet path, pseudoinverse by
 * default). Extra per-sample inputs enter the first layer as constants of L.
 *
 * @example
 * const model = new MlpLagrangian({ dof: 2, hidden: [500, 500, 500], angles: [0, 1], angleTransform: 'wrap' });
 * const qdd = model.accelerations(q, qdot); // [B, 2]
 */
export class MlpLagrangian implements DynamicsModel {
  readonly kind = 'mlp-lagrangian';
  readonly dof: number;
  readonly extraDim: number;
  readonly config: Readonly<Required<Omit<MlpLagrangianConfig, 'solver' | 'inputScale'>> & { solver: EulerLagrangeOptions; inputScale: InputScale }>;
  readonly variables: tf.Variable[];
  /** L as a jet function (fast path). */
  readonly lagrangian: Lagrangian;
  /** L on plain tensors (general path), the same function: for checks. */
  readonly tensorLagrangian: Lagrangian;
  private readonly weights: tf.Variable[];
  private readonly biases: tf.Variable[];
  /** Multipliers of the features `[1, width]` and of the extra inputs `[1, p]`; undefined when all 1. */
  private readonly featureScale: tf.Tensor2D | undefined;
  private readonly extraScale: tf.Tensor2D | undefined;
  /** The weights' transposes, for the jet adjoint outside training. */
  private readonly transposes = new TransposeCache();

  constructor(config: MlpLagrangianConfig) {
    const where = 'MlpLagrangian';
    requireBackend(where);
    const { dof, extraDim = 0, hidden = [600, 600, 600], angles = [], angleTransform = 'none', seed = 0, solver = { inverse: 'pinv' } } = config ?? ({} as MlpLagrangianConfig);
    if (!Number.isInteger(dof) || dof < 1) throw new TypeError(`${where}: config.dof must be a positive integer, received ${String(dof)}.`);
    if (!Number.isInteger(extraDim) || extraDim < 0) throw new TypeError(`${where}: config.extraDim must be an integer ≥ 0, received ${String(extraDim)}.`);
    if (!Array.isArray(hidden) || hidden.length === 0 || !hidden.every((w) => Number.isInteger(w) && w > 0)) {
      throw new TypeError(`${where}: config.hidden must be a non-empty array of positive integers, received ${JSON.stringify(hidden)}.`);
    }
    if (!angles.every((i) => Number.isInteger(i) && i >= 0 && i < dof) || new Set(angles).size !== angles.length) {
      throw new TypeError(`${where}: config.angles must be distinct coordinate indices in [0, ${dof}), received ${JSON.stringify(angles)}.`);
    }
    if (!['none', 'wrap', 'features'].includes(angleTransform)) {
      throw new TypeError(`${where}: config.angleTransform must be 'none', 'wrap' or 'features', received ${JSON.stringify(angleTransform)}.`);
    }
    const inputScale = inputScaleOf(config.inputScale, dof, extraDim, where);
    this.dof = dof;
    this.extraDim = extraDim;
    this.config = { dof, extraDim, hidden: [...hidden], angles: [...angles], angleTransform, inputScale, seed, solver };
    const inputWidth = 2 * dof + (angleTransform === 'features' ? angles.length : 0);
    const qScale = inputScale.q.flatMap((c, i) => (angleTransform === 'features' && angles.includes(i) ? [c, c] : [c]));
    const featureScale = [...qScale, ...inputScale.qdot];
    // Kept: a model built inside tf.tidy must not lose them when the scope ends.
    this.featureScale = featureScale.every((c) => c === 1) ? undefined : tf.keep(tf.tensor2d(featureScale, [1, inputWidth]));
    this.extraScale = inputScale.extra.every((c) => c === 1) ? undefined : tf.keep(tf.tensor2d([...inputScale.extra], [1, extraDim]));
    const widths = [inputWidth, ...hidden, 1];
    const count = widths.length - 1;
    this.weights = [];
    this.biases = [];
    for (let i = 0; i < count; i++) {
      const [nIn, nOut] = [widths[i] as number, widths[i + 1] as number];
      const std = paperInitStd(i, count, nIn, nOut);
      this.weights.push(tf.tidy(() => tf.variable(tf.randomNormal([nIn, nOut], 0, std, 'float32', layerSeed(seed, i)), true)));
      this.biases.push(tf.tidy(() => tf.variable(tf.zeros([nOut]), true)));
    }
    const extraWeights = extraDim > 0 ? [tf.tidy(() => tf.variable(tf.randomNormal([extraDim, widths[1] as number], 0, paperInitStd(0, count, extraDim + inputWidth, widths[1] as number), 'float32', layerSeed(seed, 999)), true))] : [];
    this.variables = [...this.weights, ...this.biases, ...extraWeights];
    const wExtra = extraWeights[0];
    this.lagrangian = {
      dof,
      jet: (x, extra) => {
        let h = this.jetFeatures(x);
        if (this.featureScale !== undefined) h = jets.scale(h, this.featureScale);
        h = jets.dense(h, this.weights[0] as tf.Variable as tf.Tensor2D, this.biases[0] as tf.Variable as tf.Tensor1D, this.transposes);
        if (wExtra !== undefined) h = jets.add(h, tf.matMul(this.requireExtra(extra), wExtra));
        for (let i = 1; i < count; i++) h = jets.dense(jets.softplus(h), this.weights[i] as tf.Variable as tf.Tensor2D, this.biases[i] as tf.Variable as tf.Tensor1D, this.transposes);
        return h;
      },
    };
    this.tensorLagrangian = {
      dof,
      tensor: (x, extra) => {
        const features = this.tensorFeatures(x);
        let h = tf.add(tf.matMul(this.featureScale === undefined ? features : tf.mul(features, this.featureScale), this.weights[0] as tf.Variable), this.biases[0] as tf.Variable);
        if (wExtra !== undefined) h = tf.add(h, tf.matMul(this.requireExtra(extra), wExtra));
        for (let i = 1; i < count; i++) h = tf.add(tf.matMul(tf.softplus(h), this.weights[i] as tf.Variable), this.biases[i] as tf.Variable);
        return tf.reshape(h, [-1]) as tf.Tensor1D;
      },
    };
  }

  /** The extra inputs, checked and scaled. */
  private requireExtra(extra: tf.Tensor2D | undefined): tf.Tensor2D {
    if (extra === undefined || extra.rank !== 2 || extra.shape[1] !== this.extraDim) {
      throw new TypeError(`MlpLagrangian: this model takes extra inputs of shape [batch, ${this.extraDim}], received ${extra === undefined ? 'none' : `[${extra.shape.join(', ')}]`}.`);
    }
    return this.extraScale === undefined ? extra : tf.mul(extra, this.extraScale);
  }

  /** Offsets −2π·round(q/2π) that wrap angles into [−π, π), as a constant (derivative 1). */
  private wrapOffsets(q: tf.Tensor2D): tf.Tensor2D {
    const scale = tf.tensor1d(Array.from({ length: this.dof }, (_, i) => (this.config.angles.includes(i) ? -2 * Math.PI : 0)));
    return tf.mul(tf.round(tf.mul(q, 1 / (2 * Math.PI))), scale) as tf.Tensor2D;
  }

  private jetFeatures(x: Jet): Jet {
    const { angles, angleTransform } = this.config;
    if (angleTransform === 'none' || angles.length === 0) return x;
    const d = this.dof;
    if (angleTransform === 'wrap') {
      const offsets = tf.pad(this.wrapOffsets(tf.slice(x.value, [0, 0], [-1, d]) as tf.Tensor2D), [[0, 0], [0, d]]);
      return jets.add(x, offsets);
    }
    const parts: Jet[] = [];
    for (let i = 0; i < d; i++) {
      const qi = jets.slice(x, i, 1);
      parts.push(...(angles.includes(i) ? [jets.cos(qi), jets.sin(qi)] : [qi]));
    }
    parts.push(jets.slice(x, d, d));
    return jets.concat(parts);
  }

  private tensorFeatures(x: tf.Tensor2D): tf.Tensor2D {
    const { angles, angleTransform } = this.config;
    if (angleTransform === 'none' || angles.length === 0) return x;
    const d = this.dof;
    const q = tf.slice(x, [0, 0], [-1, d]) as tf.Tensor2D;
    const v = tf.slice(x, [0, d], [-1, d]);
    if (angleTransform === 'wrap') return tf.concat([tf.add(q, this.wrapOffsets(q)), v], 1) as tf.Tensor2D;
    const parts: tf.Tensor[] = [];
    for (let i = 0; i < d; i++) {
      const qi = tf.slice(q, [0, i], [-1, 1]);
      parts.push(...(angles.includes(i) ? [tf.cos(qi), tf.sin(qi)] : [qi]));
    }
    return tf.concat([...parts, v], 1) as tf.Tensor2D;
  }

  accelerations(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor2D {
    return eulerLagrange(this.lagrangian, q, qdot, { ...this.config.solver, ...(extra === undefined ? {} : { extra }) });
  }

  accelerationsAndVelocityHessian(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): { accelerations: tf.Tensor2D; hvv: tf.Tensor3D } {
    return eulerLagrangeWithHessian(this.lagrangian, q, qdot, { ...this.config.solver, ...(extra === undefined ? {} : { extra }) });
  }

  energy(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor1D {
    return lagrangianEnergy(this.lagrangian, q, qdot, extra);
  }

  dispose(): void {
    this.transposes.dispose();
    tf.dispose([...this.variables, ...(this.featureScale === undefined ? [] : [this.featureScale]), ...(this.extraScale === undefined ? [] : [this.extraScale])]);
  }
}
