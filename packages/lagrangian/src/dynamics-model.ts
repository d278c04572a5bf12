import type * as tf from '@tensorflow/tfjs-core';

/**
 * What the trainer, rollouts and save/load need of a model of dynamics: accelerations for a batch,
 * its trainable variables, and a JSON description to rebuild it. The LNN implements it; so do the
 * baselines of `@lnn/baselines`.
 */
export interface DynamicsModel {
  /** Name of the model class, e.g. `'mlp-lagrangian'`: saved by `saveModel`, matched by `loadModel` to a `ModelKind`. */
  readonly kind: string;
  /** d, the number of coordinates. */
  readonly dof: number;
  /** p, per-sample inputs that are not coordinates (0 when none). */
  readonly extraDim: number;
  /** `q̈` `[B, d]` at states `q`, `q̇` (`[B, d]`) and `extra` (`[B, p]`); differentiable in the variables. */
  accelerations(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor2D;
  /**
   * The whole state derivative `[q̇', q̈]` (`[B, 2d]`), for models whose own dynamics do not take
   * `q' = q̇` for granted (a neural ODE; an HNN, whose `q' = ∂H/∂p`). When present, the trainer
   * fits both halves to the data's `q̇` and `q̈`, and rollouts integrate it as a first-order
   * system; `accelerations` stays its `q̈` half, the quantity every model is compared on.
   */
  stateDerivative?(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor2D;
  /**
   * `q̈` together with the velocity Hessian `H_vv = ∂²L/∂q̇²` (`[B, d, d]`) it was solved with, from
   * one evaluation — for Lagrangian models, so that training can guard `H_vv`'s definiteness
   * (`train`'s `definiteness`). Both differentiable in the variables.
   */
  accelerationsAndVelocityHessian?(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): { readonly accelerations: tf.Tensor2D; readonly hvv: tf.Tensor3D };
  /** The model's own conserved energy, where it defines one. */
  energy?(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor1D;
  /** Trainable variables, in a fixed order (save/load and checkpoints rely on it). */
  readonly variables: readonly tf.Variable[];
  /** The JSON-able configuration that, with the variables' values, rebuilds the model. */
  readonly config: Readonly<Record<string, unknown>>;
  /** Releases the variables. */
  dispose(): void;
}
