/**
 * Node only: the work of `pnpm --filter @lnn/web export-models` (cli/export-models.ts). Reads the
 * models a `pnpm repro --out <dir>` run saved (MODEL_ASSETS) with @lnn/lagrangian's `loadModel`
 * and writes each as a web model file into `out`, with the run's scale, seed and commit from its
 * metrics.json. A backend must be running; the kinds it may build are given to `loadModel`
 * explicitly (the baselines' and the graph network's).
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { baselineKinds } from '@lnn/baselines';
import { graphLagrangianKind } from '@lnn/graph-lagrangian';
import { loadModel, MODEL_FORMAT, MODEL_FORMAT_VERSION, variableArrays } from '@lnn/lagrangian';
import { MODEL_ASSETS } from './asset-list';
import { encodeWebModel, type ModelSource } from './web-model';

/** One file written. */
export interface ExportedModel {
  readonly file: string;
  readonly bytes: number;
  readonly kind: string;
  readonly weights: number;
}

/** The run's scale, seed, commit, command and start from `<from>/metrics.json`, or null without one. */
export function runInfo(from: string): ModelSource['run'] {
  const file = path.join(from, 'metrics.json');
  if (!existsSync(file)) return null;
  const run = (JSON.parse(readFileSync(file, 'utf8')) as { run?: Record<string, unknown> }).run ?? {};
  const pick = (key: string, type: 'string' | 'number') => (typeof run[key] === type ? { [key]: run[key] } : {});
  return { ...pick('scale', 'string'), ...pick('seed', 'number'), ...pick('commit', 'string'), ...pick('command', 'string'), ...pick('startedAt', 'string') };
}

/**
 * Exports every model of MODEL_ASSETS from the run folder `from` into `out`; checks them all
 * before writing any.
 *
 * @example
 * exportModels('/tmp/lnn', 'apps/web/models');
 */
export function exportModels(from: string, out: string): ExportedModel[] {
  for (const asset of MODEL_ASSETS) {
    if (!existsSync(path.join(from, asset.from, 'manifest.json'))) {
      throw new Error(`export-models: ${path.join(from, asset.from)} holds no saved model; --from must be the --out folder of a pnpm repro run that trained the double pendulum and the wave (found no ${asset.from}).`);
    }
  }
  const run = runInfo(from);
  const texts = MODEL_ASSETS.map((asset) => {
    const model = loadModel(path.join(from, asset.from), { kinds: [...baselineKinds, graphLagrangianKind] });
    try {
      if (model.kind !== asset.kind) throw new Error(`export-models: ${path.join(from, asset.from)} holds a ${model.kind}, expected a ${asset.kind}.`);
      const text = encodeWebModel({
        modelFormat: MODEL_FORMAT,
        modelFormatVersion: MODEL_FORMAT_VERSION,
        kind: model.kind,
        config: model.config,
        arrays: variableArrays(model),
        source: { path: asset.from, run },
      });
      return { asset, text, kind: model.kind, weights: model.variables.reduce((n, v) => n + v.size, 0) };
    } finally {
      model.dispose();
    }
  });
  mkdirSync(out, { recursive: true });
  return texts.map(({ asset, text, kind, weights }) => {
    const file = path.join(out, asset.file);
    writeFileSync(file, text);
    return { file, bytes: statSync(file).size, kind, weights };
  });
}
