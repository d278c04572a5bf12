import * as tf from '@tensorflow/tfjs-core';
import type { DynamicsModel, ModelKind } from '@lnn/lagrangian';
import { DirectNetwork, type DirectConfig, type ResolvedDirectConfig } from './internal/direct-network';

/** Configuration of {@link NeuralOde}; JSON-able. */
export type NeuralOdeConfig = DirectConfig;

/**
 * A neural ODE: an MLP for the whole state derivative, `(q, q̇) → (q', q̈)`, trained on the data's
 * `(q̇, q̈)` and rolled out as the first-order system it defines (its `q'` is learned, not taken
 * to be `q̇`). Compared with other models on its `q̈` half.
 *
 * @example
 * import { initBackend } from '@lnn/autodiff';
 * import { NeuralOde } from '@lnn/baselines';
 * import { train } from '@lnn/lagrangian';
 * import { accelerationDataset, harmonicOscillator, splitStates } from '@lnn/systems';
 * await initBackend();
 * const spring = harmonicOscillator();
 * const ds = accelerationDataset(spring, {
 *   count: 128,
 *   seed: 0,
 *   sample: (rng, q, v) => {
 *     q[0] = rng.uniform(-1, 1);
 *     v[0] = rng.uniform(-1, 1);
 *   },
 * });
 * const data = { ...splitStates(ds.arrays.states!.data, 1), qdd: ds.arrays.accelerations!.data };
 * const ode = new NeuralOde({ dof: 1, hidden: [32, 32] });
 * const result = train(ode, data, { steps: 20, progressEvery: 10 }); // fits q' and q̈
 * console.log(result.history); // [step, loss] at steps 10 and 20
 */
export class NeuralOde implements DynamicsModel {
  readonly kind = 'neural-ode';
  readonly dof: number;
  readonly extraDim: number;
  readonly config: ResolvedDirectConfig;
  readonly variables: readonly tf.Variable[];
  private readonly network: DirectNetwork;

  constructor(config: NeuralOdeConfig) {
    this.network = new DirectNetwork('NeuralOde', config, 2);
    this.config = this.network.config;
    this.dof = this.config.dof;
    this.extraDim = this.config.extraDim;
    this.variables = this.network.mlp.variables;
  }

  stateDerivative(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor2D {
    return this.network.apply(q, qdot, extra);
  }

  accelerations(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => tf.slice(this.stateDerivative(q, qdot, extra), [0, this.dof], [-1, this.dof]) as tf.Tensor2D);
  }

  dispose(): void {
    this.network.mlp.dispose();
  }
}

/**
 * The kind `loadModel` builds a {@link NeuralOde} with (in `baselineKinds` too).
 *
 * @example
 * import { neuralOdeKind } from '@lnn/baselines';
 * console.log(neuralOdeKind.kind); // neural-ode — load with loadModel(dir, { kinds: [neuralOdeKind] })
 */
export const neuralOdeKind: ModelKind = Object.freeze({ kind: 'neural-ode', build: (config: Readonly<Record<string, unknown>>) => new NeuralOde(config as unknown as NeuralOdeConfig) });
