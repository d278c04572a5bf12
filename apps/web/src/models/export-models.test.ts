import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@lnn/autodiff';
import { MlpDynamics } from '@lnn/baselines';
import { GraphLagrangian, ringGraph } from '@lnn/graph-lagrangian';
import { MlpLagrangian, MODEL_FORMAT, MODEL_FORMAT_VERSION, saveModel, variableArrays, type DynamicsModel } from '@lnn/lagrangian';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_ASSETS } from './asset-list';
import { buildModel } from './build-model';
import { exportModels } from './export-models';
import { decodeWebModel } from './web-model';

const MODELS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'models');
const expected = { format: MODEL_FORMAT, version: MODEL_FORMAT_VERSION };
const bits = (x: Float32Array) => Array.from(new Uint32Array(x.buffer, x.byteOffset, x.length));

describe('export-models', () => {
  let run: string;
  let originals: Record<string, DynamicsModel>;
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
    run = mkdtempSync(path.join(os.tmpdir(), 'lnn-web-export-'));
    originals = {
      'models/double-pendulum/lnn': new MlpLagrangian({ dof: 2, hidden: [6, 5], angles: [0, 1], angleTransform: 'features', seed: 3 }),
      'models/double-pendulum/mlp': new MlpDynamics({ dof: 2, hidden: [6], angles: [0, 1], angleTransform: 'wrap', seed: 4 }),
      'models/wave/lgn-ring100': new GraphLagrangian({ graph: ringGraph(100).config, hidden: [4], seed: 5 }),
    };
    for (const [folder, model] of Object.entries(originals)) saveModel(model, path.join(run, folder));
    writeFileSync(path.join(run, 'metrics.json'), JSON.stringify({ run: { scale: 'quick', seed: 4, commit: 'abc1234', command: 'lnn-repro', startedAt: '2026-01-01T00:00:00Z', wallSeconds: 1 } }));
  });
  afterAll(() => {
    for (const model of Object.values(originals ?? {})) model.dispose();
    rmSync(run, { recursive: true, force: true });
  });

  it('writes each saved model as a web model whose rebuilt model has the exact weights', () => {
    const out = path.join(run, 'web');
    const written = exportModels(run, out);
    expect(written.map((w) => path.basename(w.file))).toEqual(MODEL_ASSETS.map((a) => a.file));
    const before = tf.memory().numTensors;
    for (const asset of MODEL_ASSETS) {
      const web = decodeWebModel(JSON.parse(readFileSync(path.join(out, asset.file), 'utf8')), asset.file, expected);
      expect(web.source).toEqual({ path: asset.from, run: { scale: 'quick', seed: 4, commit: 'abc1234', command: 'lnn-repro', startedAt: '2026-01-01T00:00:00Z' } });
      const rebuilt = buildModel(web, asset.file);
      const original = originals[asset.from] as DynamicsModel;
      expect(rebuilt.kind).toBe(asset.kind);
      expect(rebuilt.config).toEqual(original.config);
      variableArrays(rebuilt).forEach((a, i) => expect(bits(a.data)).toEqual(bits((variableArrays(original)[i] as { data: Float32Array }).data)));
      rebuilt.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names the folder that is missing, and writes nothing then', () => {
    rmSync(path.join(run, 'models', 'wave'), { recursive: true, force: true });
    const out = path.join(run, 'web-missing');
    expect(() => exportModels(run, out)).toThrow(/lgn-ring100 holds no saved model; --from must be the --out folder of a pnpm repro run/);
    expect(() => readFileSync(path.join(out, MODEL_ASSETS[0].file))).toThrow();
  });
});

describe('the committed model assets (apps/web/models)', () => {
  it('decode with this library\'s model format and rebuild their kinds', async () => {
    await initBackend({ backend: 'cpu' });
    for (const asset of MODEL_ASSETS) {
      const web = decodeWebModel(JSON.parse(readFileSync(path.join(MODELS, asset.file), 'utf8')), asset.file, expected);
      expect(web.kind).toBe(asset.kind);
      expect(web.source.path).toBe(asset.from);
      const model = buildModel(web, asset.file);
      expect(model.kind).toBe(asset.kind);
      model.dispose();
    }
  });
});
