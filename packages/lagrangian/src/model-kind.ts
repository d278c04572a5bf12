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
 * A class of your own has a kind of the same shape, e.g.
 * `{ kind: 'my-model', build: (config) => new MyModel(config as unknown as MyModelConfig) }`;
 * the `kind` must be the name its models carry (`model.kind`), which `saveModel` writes.
 *
 * @example
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import path from 'node:path';
 * import { initBackend } from '@lnn/autodiff';
 * import { loadModel, MlpLagrangian, mlpLagrangianKind, saveModel } from '@lnn/lagrangian';
 *
 * await initBackend();
 * const dir = mkdtempSync(path.join(tmpdir(), 'lnn-kind-'));
 * saveModel(new MlpLagrangian({ dof: 1, hidden: [8] }), dir);
 * const model = loadModel(dir, { kinds: [mlpLagrangianKind] }); // mlpLagrangianKind.kind === 'mlp-lagrangian'
 * model.dispose();
 */
export interface ModelKind {
  /** The name in a saved manifest, equal to the `kind` of the models it builds (e.g. `'hnn'`). */
  readonly kind: string;
  /** A fresh model from its saved `config` (its weights are set afterwards) and the caller's `context`. */
  build(config: Readonly<Record<string, unknown>>, context: LoadContext): DynamicsModel;
}
