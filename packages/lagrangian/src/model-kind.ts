import type { DynamicsModel } from './dynamics-model';

/**
 * What a model needs at load time that JSON cannot hold (e.g. an HNN's momentum map, a function);
 * passed through {@link loadModel}'s `options.context` to the model kind's `build`.
 */
export type LoadContext = Readonly<Record<string, unknown>>;

/**
 * A kind of model that {@link loadModel} may build: the name saved in a manifest (a model's
 * `kind`) and how to build a model of it from its saved configuration (`loadModel` then sets the
 * weights). A plain value: each package exports its own (`mlpLagrangianKind` here, `hnnKind`,
 * `baselineKinds`, … in `@lnn/baselines`, `graphLagrangianKind` in `@lnn/graph-lagrangian`),
 * and a caller hands `loadModel` the ones it may build. Nothing is registered anywhere.
 *
 * A class of your own gets a kind of the same shape; its `kind` must be the name its models carry
 * (`model.kind`), which `saveModel` writes.
 *
 * @example
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import path from 'node:path';
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend } from '@lnn/autodiff';
 * import { loadModel, saveModel, type DynamicsModel, type ModelKind } from '@lnn/lagrangian';
 * await initBackend();
 * // a one-parameter model of a spring, q̈ = −k q, with k learnable
 * class MyModel implements DynamicsModel {
 *   readonly kind = 'my-model';
 *   readonly dof = 1;
 *   readonly extraDim = 0;
 *   readonly k: tf.Variable;
 *   readonly variables: tf.Variable[];
 *   constructor(readonly config: { readonly k: number }) {
 *     this.k = tf.variable(tf.scalar(config.k));
 *     this.variables = [this.k];
 *   }
 *   accelerations(q: tf.Tensor2D): tf.Tensor2D {
 *     return tf.neg(tf.mul(this.k, q)) as tf.Tensor2D;
 *   }
 *   dispose(): void {
 *     this.k.dispose();
 *   }
 * }
 * const myKind: ModelKind = { kind: 'my-model', build: (config) => new MyModel(config as { k: number }) };
 * const dir = path.join(mkdtempSync(path.join(tmpdir(), 'lnn-')), 'spring');
 * saveModel(new MyModel({ k: 4 }), dir);
 * console.log(loadModel(dir, { kinds: [myKind] }).kind); // my-model
 */
export interface ModelKind {
  /** The name in a saved manifest, equal to the `kind` of the models it builds (e.g. `'hnn'`). */
  readonly kind: string;
  /** A fresh model from its saved `config` (its weights are set afterwards) and the caller's `context`. */
  build(config: Readonly<Record<string, unknown>>, context: LoadContext): DynamicsModel;
}
