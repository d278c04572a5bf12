import * as tf from '@tensorflow/tfjs-core';
import { angleFeatures, angleFeaturesJet, angleFeatureWidth, checkAngles, layerSeed as networkLayerSeed, Mlp, paperInitStd as networkPaperInitStd, requireBackend, type AngleTransform, type Solver } from '@lnn/autodiff';
import type { DynamicsModel } from './dynamics-model';
import { eulerLagrange, eulerLagrangeWithHessian, lagrangianEnergy } from './euler-lagrange';
import type { Lagrangian } from './lagrangian';
import type { ModelKind } from './model-kind';
import { toSolver, type SolverConfig } from './solver-option';

/** How angular coordinates enter the network (`@lnn/autodiff`'s, re-exported). */
export type { AngleTransform };

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
  /**
   * How `H_vv` is inverted in `accelerations`: a solver value (`pinv({ rcond })`,
   * `damped({ epsilon })`, `lu()`, `cholesky()`), or its JSON (saved models); the deprecated
   * `{ inverse, damping, rcond }` is still read. `config.solver` holds the value; it is saved as
   * its JSON.
   * @default pinv()
   */
  readonly solver?: SolverConfig;
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
 * The tfjs seed of weight matrix `index`.
 *
 * @deprecated Moved to `@lnn/autodiff` with the network block: `import { layerSeed } from '@lnn/autodiff'`.
 */
export const layerSeed: (seed: number, index: number) => number = networkLayerSeed;

/**
 * The paper's weight std of matrix `index` of `count`.
 *
 * @deprecated Moved to `@lnn/autodiff` with the network block: `import { paperInitStd } from '@lnn/autodiff'`.
 */
export const paperInitStd: (index: number, count: number, nIn: number, nOut: number) => number = networkPaperInitStd;

/**
 * A Lagrangian Neural Network: an MLP with softplus activations whose scalar output is taken as
 * `L(q, q̇)`; accelerations follow from the Euler–Lagrange equation (jet path, `pinv()` by
 * default). Extra per-sample inputs enter the first layer as constants of L.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend } from '@lnn/autodiff';
 * import { MlpLagrangian } from '@lnn/lagrangian';
 * await initBackend();
 * const model = new MlpLagrangian({ dof: 2, hidden: [32, 32], angles: [0, 1], angleTransform: 'wrap' });
 * const q = tf.tensor2d([[0.3, -0.2], [1, 2]]);
 * const qdot = tf.tensor2d([[1, 0.5], [0, 0]]);
 * const qdd = model.accelerations(q, qdot); // [B, 2]
 * console.log(qdd.shape); // [2, 2]
 * model.dispose();
 */
export class MlpLagrangian implements DynamicsModel {
  readonly kind = 'mlp-lagrangian';
  readonly dof: number;
  readonly extraDim: number;
  readonly config: Readonly<Required<Omit<MlpLagrangianConfig, 'solver' | 'inputScale'>> & { solver: Solver; inputScale: InputScale }>;
  readonly variables: tf.Variable[];
  /** L as a jet function (fast path). */
  readonly lagrangian: Lagrangian;
  /** L on plain tensors (general path), the same function: for checks. */
  readonly tensorLagrangian: Lagrangian;
  /** The network: softplus, the paper's initialisation, input scales, transposes cached for the jet adjoint. */
  private readonly network: Mlp;

  constructor(config: MlpLagrangianConfig) {
    const where = 'MlpLagrangian';
    requireBackend(where);
    const { dof, extraDim = 0, hidden = [600, 600, 600], angles = [], angleTransform = 'none', seed = 0 } = config ?? ({} as MlpLagrangianConfig);
    if (!Number.isInteger(dof) || dof < 1) throw new TypeError(`${where}: config.dof must be a positive integer, received ${String(dof)}.`);
    if (!Number.isInteger(extraDim) || extraDim < 0) throw new TypeError(`${where}: config.extraDim must be an integer ≥ 0, received ${String(extraDim)}.`);
    if (!Array.isArray(hidden) || hidden.length === 0 || !hidden.every((w) => Number.isInteger(w) && w > 0)) {
      throw new TypeError(`${where}: config.hidden must be a non-empty array of positive integers, received ${JSON.stringify(hidden)}.`);
    }
    checkAngles(where, dof, angles, angleTransform);
    const inputScale = inputScaleOf(config.inputScale, dof, extraDim, where);
    const solver = toSolver(`${where}: config.solver`, config.solver);
    this.dof = dof;
    this.extraDim = extraDim;
    this.config = { dof, extraDim, hidden: [...hidden], angles: [...angles], angleTransform, inputScale, seed, solver };
    const qScale = inputScale.q.flatMap((c, i) => (angleTransform === 'features' && angles.includes(i) ? [c, c] : [c]));
    this.network = new Mlp({
      where,
      inputs: angleFeatureWidth(dof, angles, angleTransform) + dof,
      hidden,
      outputs: 1,
      activation: 'softplus',
      initialisation: 'paper',
      seed,
      extraDim,
      inputScale: [...qScale, ...inputScale.qdot],
      extraScale: inputScale.extra,
      cacheTransposes: true,
    });
    this.variables = this.network.variables;
    this.lagrangian = { dof, jet: (x, extra) => this.network.applyJet(angleFeaturesJet(x, dof, angles, angleTransform), extra) };
    this.tensorLagrangian = {
      dof,
      tensor: (x, extra) => {
        const features = angleTransform === 'none' || angles.length === 0 ? x : tf.concat([angleFeatures(tf.slice(x, [0, 0], [-1, dof]), angles, angleTransform), tf.slice(x, [0, dof], [-1, dof])], 1);
        return tf.reshape(this.network.apply(features as tf.Tensor2D, extra), [-1]) as tf.Tensor1D;
      },
    };
  }

  accelerations(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor2D {
    return eulerLagrange(this.lagrangian, q, qdot, { solver: this.config.solver, ...(extra === undefined ? {} : { extra }) });
  }

  accelerationsAndVelocityHessian(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): { accelerations: tf.Tensor2D; hvv: tf.Tensor3D } {
    return eulerLagrangeWithHessian(this.lagrangian, q, qdot, { solver: this.config.solver, ...(extra === undefined ? {} : { extra }) });
  }

  energy(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor1D {
    return lagrangianEnergy(this.lagrangian, q, qdot, extra);
  }

  dispose(): void {
    this.network.dispose();
  }
}

/**
 * The kind `loadModel` builds an {@link MlpLagrangian} with; `loadModel` always has it (no need to
 * pass it in `options.kinds`).
 *
 * @example
 * import { mlpLagrangianKind } from '@lnn/lagrangian';
 * console.log(mlpLagrangianKind.kind); // mlp-lagrangian
 */
export const mlpLagrangianKind: ModelKind = Object.freeze({ kind: 'mlp-lagrangian', build: (config: Readonly<Record<string, unknown>>) => new MlpLagrangian(config as unknown as MlpLagrangianConfig) });
