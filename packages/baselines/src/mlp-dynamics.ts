import type * as tf from '@tensorflow/tfjs-core';
import type { DynamicsModel, ModelKind } from '@lnn/lagrangian';
import { DirectNetwork, type DirectConfig, type ResolvedDirectConfig } from './internal/direct-network';

/** Configuration of {@link MlpDynamics}; JSON-able. */
export type MlpDynamicsConfig = DirectConfig;

/**
 * The plain baseline: an MLP mapping `(q, q̇)` straight to `q̈`, with no physics built in (so
 * nothing keeps its energy from drifting). Same interface, trainer, rollouts and save/load as the
 * LNN. Defaults follow the official baseline: three hidden layers of 600, softplus (configurable).
 *
 * @example
 * import { initBackend } from '@lnn/autodiff';
 * import { MlpDynamics } from '@lnn/baselines';
 * import { train } from '@lnn/lagrangian';
 * import { accelerationDataset, doublePendulum, splitStates } from '@lnn/systems';
 * await initBackend();
 * const dp = doublePendulum();
 * const ds = accelerationDataset(dp, { count: 256, seed: 0, sample: dp.sampleTrainingState });
 * const data = { ...splitStates(ds.arrays.states!.data, 2), qdd: ds.arrays.accelerations!.data };
 * const mlp = new MlpDynamics({ dof: 2, hidden: [32, 32], angles: [0, 1], angleTransform: 'wrap' });
 * const result = train(mlp, data, { steps: 20, progressEvery: 10 });
 * console.log(result.history); // [step, loss] at steps 10 and 20
 */
export class MlpDynamics implements DynamicsModel {
  readonly kind = 'mlp-dynamics';
  readonly dof: number;
  readonly extraDim: number;
  readonly config: ResolvedDirectConfig;
  readonly variables: readonly tf.Variable[];
  private readonly network: DirectNetwork;

  constructor(config: MlpDynamicsConfig) {
    this.network = new DirectNetwork('MlpDynamics', config, 1);
    this.config = this.network.config;
    this.dof = this.config.dof;
    this.extraDim = this.config.extraDim;
    this.variables = this.network.mlp.variables;
  }

  accelerations(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor2D {
    return this.network.apply(q, qdot, extra);
  }

  dispose(): void {
    this.network.mlp.dispose();
  }
}

/**
 * The kind `loadModel` builds an {@link MlpDynamics} with (in `baselineKinds` too).
 *
 * @example
 * import { mlpDynamicsKind } from '@lnn/baselines';
 * console.log(mlpDynamicsKind.kind); // mlp-dynamics — load with loadModel(dir, { kinds: [mlpDynamicsKind] })
 */
export const mlpDynamicsKind: ModelKind = Object.freeze({ kind: 'mlp-dynamics', build: (config: Readonly<Record<string, unknown>>) => new MlpDynamics(config as unknown as MlpDynamicsConfig) });
