import * as tf from '@tensorflow/tfjs-core';
import { angleFeatures, angleFeatureWidth, checkAngles, Mlp, type Activation, type AngleTransform } from '@lnn/autodiff';
import { checkStates } from '@lnn/lagrangian';
import { checkActivation, checkBase, type BaseConfig } from './config';

/** Configuration of the networks that output dynamics directly (MLP baseline, neural ODE); JSON-able. */
export interface DirectConfig extends BaseConfig {
  /** @default 'softplus' */
  readonly activation?: Activation;
  /** Indices of angular coordinates among q. @default [] */
  readonly angles?: readonly number[];
  /** `'wrap'`: angles mapped to [−π, π); `'features'`: each angle as (cos q, sin q). @default 'none' */
  readonly angleTransform?: AngleTransform;
}

export type ResolvedDirectConfig = Required<Omit<DirectConfig, 'angles'>> & { readonly angles: readonly number[] };

/** The official double-pendulum baseline's hidden widths. */
export const DIRECT_DEFAULT_HIDDEN = [600, 600, 600] as const;

/** An MLP from `(features(q), q̇)` to `outputs` numbers per sample. */
export class DirectNetwork {
  readonly config: ResolvedDirectConfig;
  readonly mlp: Mlp;

  constructor(
    readonly where: string,
    config: DirectConfig,
    outputsPerDof: number,
  ) {
    const base = checkBase(where, config, DIRECT_DEFAULT_HIDDEN);
    const activation = checkActivation(where, config.activation ?? 'softplus');
    const { angles = [], angleTransform = 'none' } = config;
    checkAngles(where, base.dof, angles, angleTransform);
    this.config = { ...base, activation, angles: [...angles], angleTransform };
    const inputs = angleFeatureWidth(base.dof, angles, angleTransform) + base.dof;
    this.mlp = new Mlp({ where, inputs, hidden: base.hidden, outputs: outputsPerDof * base.dof, activation, initialisation: 'glorot', seed: base.seed, extraDim: base.extraDim });
  }

  apply(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor2D {
    checkStates(this.where, this.config.dof, q, qdot, extra);
    const x = tf.concat([angleFeatures(q, this.config.angles, this.config.angleTransform), qdot], 1) as tf.Tensor2D;
    return this.mlp.apply(x, extra);
  }
}
