import * as tf from '@tensorflow/tfjs-core';
import { requireBackend } from '@lnn/autodiff';
import type { DynamicsModel } from './dynamics-model';
import { readBundle, writeBundle } from './internal/bundle';
import { chooseKind } from './internal/choose-kind';
import type { LoadContext, ModelKind } from './model-kind';

/** The format name and version written into every saved model's manifest. */
export const MODEL_FORMAT = 'lnn-model';
export const MODEL_FORMAT_VERSION = 1;

/** Options of {@link loadModel}. */
export interface LoadModelOptions {
  /**
   * The kinds it may build besides this package's own `mlp-lagrangian` (`mlpLagrangianKind`,
   * always available): e.g. `[hnnKind]`, `baselineKinds` from `@lnn/baselines`,
   * `[graphLagrangianKind]` from `@lnn/graph-lagrangian`, or a kind of your own. Two kinds of the
   * same name are refused; a given `mlp-lagrangian` kind is used instead of the package's.
   * @default []
   */
  readonly kinds?: readonly ModelKind[];
  /** What the kind's `build` needs that JSON cannot hold, e.g. `{ momentumMap }` for an HNN. @default {} */
  readonly context?: LoadContext;
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

/** A folder written by {@link saveModel}: its manifest and arrays, format and version checked. */
function readSavedModel(dir: string, where: string): ReturnType<typeof readBundle> {
  requireBackend(where);
  const bundle = readBundle(dir, where);
  const { manifest } = bundle;
  if (manifest.format !== MODEL_FORMAT) throw new Error(`${where}: ${dir} holds a ${String(manifest.format)}, expected a ${MODEL_FORMAT}.`);
  if (manifest.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new Error(`${where}: format version ${String(manifest.formatVersion)} is not supported (this library reads ${MODEL_FORMAT_VERSION}).`);
  }
  return bundle;
}

/**
 * Loads a model saved by {@link saveModel}: same kind, configuration and exact weights. It builds
 * only the kinds it is given (`options.kinds`, e.g. `hnnKind` or `baselineKinds` from
 * `@lnn/baselines`, `graphLagrangianKind` from `@lnn/graph-lagrangian`) and this package's own
 * `mlp-lagrangian`; importing a package registers nothing. `options.context` goes to the kind's
 * `build`, for models built from functions as well as numbers (an HNN's momentum map). A folder
 * holding a kind not given is refused with an error naming the kind and the package exporting it.
 *
 * @example
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import path from 'node:path';
 * import { initBackend } from '@lnn/autodiff';
 * import { loadModel, MlpLagrangian, saveModel } from '@lnn/lagrangian';
 * await initBackend();
 * const dir = path.join(mkdtempSync(path.join(tmpdir(), 'lnn-')), 'lnn');
 * saveModel(new MlpLagrangian({ dof: 2, hidden: [16] }), dir);
 * console.log(loadModel(dir).kind); // mlp-lagrangian — this package's own kind needs no options
 * // other kinds are given, e.g. loadModel(dir, { kinds: [hnnKind], context: { momentumMap } }) with hnnKind from @lnn/baselines
 */
export function loadModel(dir: string, options: LoadModelOptions = {}): DynamicsModel {
  const where = 'loadModel';
  const { manifest, arrays } = readSavedModel(dir, where);
  const { kind, context } = chooseKind(where, dir, manifest.kind, options);
  const model = kind.build(manifest.config as Record<string, unknown>, context);
  if (model?.kind !== kind.kind) {
    model?.dispose?.();
    throw new TypeError(`${where}: the kind ${JSON.stringify(kind.kind)} given in options.kinds built a model of kind ${JSON.stringify(model?.kind)}; a kind's build must return models of its own kind.`);
  }
  try {
    assignVariables(model, arrays, where);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}

/**
 * Sets the weights of a model in hand to those saved in `dir` by {@link saveModel} from a model of
 * the same kind and configuration (e.g. the best weights kept during a training run): no model is
 * built, so no kind or context is needed. A folder of another kind or configuration is refused.
 *
 * @example
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import path from 'node:path';
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend } from '@lnn/autodiff';
 * import { loadWeights, MlpLagrangian, saveModel } from '@lnn/lagrangian';
 * await initBackend();
 * const model = new MlpLagrangian({ dof: 1, hidden: [8], seed: 1 });
 * const dir = path.join(mkdtempSync(path.join(tmpdir(), 'lnn-')), 'best');
 * saveModel(model, dir);
 * const first = model.variables[0] as tf.Variable;
 * const saved = first.dataSync()[0];
 * first.assign(tf.add(first, 1)); // training moves on…
 * loadWeights(model, dir); // …and the saved weights come back
 * console.log(first.dataSync()[0] === saved); // true
 */
export function loadWeights(model: DynamicsModel, dir: string): void {
  const where = 'loadWeights';
  const { manifest, arrays } = readSavedModel(dir, where);
  if (manifest.kind !== model.kind || JSON.stringify(manifest.config) !== JSON.stringify(model.config)) {
    throw new Error(
      `${where}: ${dir} holds ${manifest.kind === model.kind ? `a ${String(manifest.kind)} configured ${JSON.stringify(manifest.config)}, not ${JSON.stringify(model.config)}` : `a ${String(manifest.kind)}, not a ${model.kind}`}; its weights are not this model's (loadModel builds the model it holds).`,
    );
  }
  assignVariables(model, arrays, where);
}
