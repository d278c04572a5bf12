import * as tf from '@tensorflow/tfjs-core';
import { requireBackend } from '@lnn/autodiff';
import type { DynamicsModel } from './dynamics-model';
import { readBundle, writeBundle } from './internal/bundle';
import { MlpLagrangian, type MlpLagrangianConfig } from './mlp-lagrangian';

/** The format name and version written into every saved model's manifest. */
export const MODEL_FORMAT = 'lnn-model';
export const MODEL_FORMAT_VERSION = 1;

/**
 * What a model needs at load time that JSON cannot hold (e.g. an HNN's momentum map, a function);
 * passed through {@link loadModel} to the model kind's factory.
 */
export type LoadContext = Readonly<Record<string, unknown>>;

/** Builds a model of a kind from its saved configuration (weights are set afterwards). */
export type ModelFactory = (config: Readonly<Record<string, unknown>>, context: LoadContext) => DynamicsModel;

const factories = new Map<string, ModelFactory>([['mlp-lagrangian', (config) => new MlpLagrangian(config as unknown as MlpLagrangianConfig)]]);

/**
 * Makes a model kind loadable by {@link loadModel} (the baselines register theirs).
 *
 * @example
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import path from 'node:path';
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend } from '@lnn/autodiff';
 * import { loadModel, registerModel, saveModel, type DynamicsModel } from '@lnn/lagrangian';
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
 * registerModel('my-model', (config) => new MyModel(config as { k: number }));
 * const dir = path.join(mkdtempSync(path.join(tmpdir(), 'lnn-')), 'spring');
 * saveModel(new MyModel({ k: 4 }), dir);
 * console.log(loadModel(dir).kind); // my-model
 */
export function registerModel(kind: string, factory: ModelFactory): void {
  factories.set(kind, factory);
}

/** The arrays of a model's variables, in order, for saving. */
export function variableArrays(model: DynamicsModel): { name: string; shape: number[]; data: Float32Array }[] {
  return model.variables.map((v, i) => ({ name: `variable${i}:${v.name}`, shape: [...v.shape], data: v.dataSync() as Float32Array }));
}

/** Sets a model's variables from saved arrays, checking count and shapes. */
export function assignVariables(model: DynamicsModel, arrays: readonly { name: string; shape: readonly number[]; data: Float32Array }[], where: string): void {
  if (arrays.length !== model.variables.length) {
    throw new Error(`${where}: the saved model has ${arrays.length} variables, this ${model.kind} has ${model.variables.length}.`);
  }
  model.variables.forEach((v, i) => {
    const a = arrays[i] as (typeof arrays)[number];
    if (a.shape.join() !== v.shape.join()) throw new Error(`${where}: variable ${i} has shape [${a.shape.join(', ')}] saved, [${v.shape.join(', ')}] expected.`);
    tf.tidy(() => v.assign(tf.tensor(a.data, v.shape)));
  });
}

/**
 * Saves a model to a folder: `manifest.json` (format, version, kind, configuration, the list of
 * variables with shapes) and `arrays.<hash>.bin` (the variables as little-endian float32). The
 * write is atomic (see README); `loadModel` round-trips it exactly.
 *
 * @example
 * import { mkdtempSync, readdirSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import path from 'node:path';
 * import { initBackend } from '@lnn/autodiff';
 * import { loadModel, MlpLagrangian, saveModel } from '@lnn/lagrangian';
 * await initBackend();
 * const model = new MlpLagrangian({ dof: 2, hidden: [16, 16] });
 * const dir = path.join(mkdtempSync(path.join(tmpdir(), 'lnn-')), 'double-pendulum-lnn');
 * saveModel(model, dir);
 * console.log(readdirSync(dir), loadModel(dir).kind); // [ 'arrays.<hash>.bin', 'manifest.json' ] mlp-lagrangian
 */
export function saveModel(model: DynamicsModel, dir: string): void {
  writeBundle(dir, {
    manifest: { format: MODEL_FORMAT, formatVersion: MODEL_FORMAT_VERSION, kind: model.kind, config: model.config },
    arrays: variableArrays(model),
  });
}

/**
 * Loads a model saved by {@link saveModel}: same kind, configuration and exact weights. `context`
 * goes to the kind's factory, for models built from functions as well as numbers.
 */
export function loadModel(dir: string, context: LoadContext = {}): DynamicsModel {
  const where = 'loadModel';
  requireBackend(where);
  const { manifest, arrays } = readBundle(dir, where);
  if (manifest.format !== MODEL_FORMAT) throw new Error(`${where}: ${dir} holds a ${String(manifest.format)}, expected a ${MODEL_FORMAT}.`);
  if (manifest.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new Error(`${where}: format version ${String(manifest.formatVersion)} is not supported (this library reads ${MODEL_FORMAT_VERSION}).`);
  }
  const factory = factories.get(String(manifest.kind));
  if (factory === undefined) {
    throw new Error(`${where}: no model kind ${JSON.stringify(manifest.kind)} is registered; import the package that defines it (known: ${[...factories.keys()].join(', ')}).`);
  }
  const model = factory(manifest.config as Record<string, unknown>, context);
  assignVariables(model, arrays, where);
  return model;
}
