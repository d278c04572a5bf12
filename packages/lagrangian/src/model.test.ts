import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, lu } from '@lnn/autodiff';
import { assertAllClose } from '@lnn/autodiff/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { eulerLagrange } from './euler-lagrange';
import { MlpLagrangian, paperInitStd } from './mlp-lagrangian';
import { loadModel, saveModel } from './model-io';

beforeAll(async () => {
  await initBackend();
});

describe('MlpLagrangian', () => {
  it("initialises as the paper: zero biases, std c/√n", () => {
    const model = new MlpLagrangian({ dof: 2, hidden: [600, 600, 600], seed: 1 });
    expect(model.variables.length).toBe(8);
    const stds = model.variables.slice(0, 4).map((w) => tf.tidy(() => Math.sqrt(tf.moments(w).variance.dataSync()[0]!)));
    const expected = [2.2 / Math.sqrt(600), 0.58 / Math.sqrt(600), 1.16 / Math.sqrt(600), 600 / Math.sqrt(600)];
    stds.forEach((s, i) => expect(Math.abs(s - expected[i]!) / expected[i]!).toBeLessThan(0.05));
    expect(paperInitStd(3, 4, 600, 1)).toBeCloseTo(Math.sqrt(600), 10);
    for (const b of model.variables.slice(4)) expect(b.dataSync().every((x) => x === 0)).toBe(true);
    model.dispose();
  });

  it('is reproducible from its seed (including seed 0, which tfjs would read as "no seed")', () => {
    const [a, b] = [new MlpLagrangian({ dof: 2, hidden: [8], seed: 0 }), new MlpLagrangian({ dof: 2, hidden: [8], seed: 0 })];
    expect(a.variables.map((v) => Array.from(v.dataSync()))).toEqual(b.variables.map((v) => Array.from(v.dataSync())));
    a.dispose();
    b.dispose();
  });

  it.each(['none', 'wrap', 'features'] as const)('jet and general path agree (angle transform %s)', (angleTransform) => {
    const model = new MlpLagrangian({ dof: 2, hidden: [32, 32], angles: [0, 1], angleTransform, seed: 2 });
    tf.tidy(() => {
      const q = tf.tensor2d([[0.3, 7.1], [-4, 2], [1, -1]]);
      const v = tf.tensor2d([[1, -2], [0.5, 0.1], [3, 2]]);
      const fast = eulerLagrange(model.lagrangian, q, v, { solver: lu() });
      const general = eulerLagrange(model.tensorLagrangian, q, v, { solver: lu() });
      assertAllClose(fast, general, { rtol: 1e-3, atol: 1e-4 });
    });
    model.dispose();
  });

  it.each(['none', 'features'] as const)('input scales are part of L: equal to the unscaled network with scaled first-layer rows (angle transform %s)', (angleTransform) => {
    const inputScale = { q: [0.1, 2], qdot: [0.5, 3], extra: 0.1 };
    const scaled = new MlpLagrangian({ dof: 2, extraDim: 1, hidden: [16, 16], angles: [1], angleTransform, inputScale, seed: 6 });
    const plain = new MlpLagrangian({ dof: 2, extraDim: 1, hidden: [16, 16], angles: [1], angleTransform, seed: 6 });
    expect(scaled.config.inputScale).toEqual({ q: [0.1, 2], qdot: [0.5, 3], extra: [0.1] });
    // Folding the scales into the first matrix's rows (cos and sin of the angle share its scale).
    const rows = angleTransform === 'features' ? [0.1, 2, 2, 0.5, 3] : [0.1, 2, 0.5, 3];
    const [w0, we] = [plain.variables[0] as tf.Variable, plain.variables[6] as tf.Variable];
    w0.assign(tf.tidy(() => tf.mul(scaled.variables[0] as tf.Tensor, tf.tensor2d(rows, [rows.length, 1]))));
    we.assign(tf.tidy(() => tf.mul(scaled.variables[6] as tf.Tensor, 0.1)));
    tf.tidy(() => {
      const q = tf.tensor2d([[0.3, 7.1], [-4, 2], [1, -1]]);
      const v = tf.tensor2d([[1, -2], [0.5, 0.1], [3, 2]]);
      const g = tf.tensor2d([[9.8], [-3], [20]]);
      assertAllClose(scaled.accelerations(q, v, g), plain.accelerations(q, v, g), { rtol: 1e-4, atol: 1e-5 });
      assertAllClose(scaled.energy(q, v, g), plain.energy(q, v, g), { rtol: 1e-5, atol: 1e-5 });
    });
    // Jet and general path agree with scales (the general path takes no extra inputs: its Hessian evaluates L on stacked copies of the batch).
    const alone = new MlpLagrangian({ dof: 2, hidden: [16, 16], angles: [1], angleTransform, inputScale: { q: [0.1, 2], qdot: [0.5, 3] }, seed: 7 });
    tf.tidy(() => {
      const [q, v] = [tf.tensor2d([[0.3, 7.1], [-4, 2]]), tf.tensor2d([[1, -2], [0.5, 0.1]])];
      assertAllClose(eulerLagrange(alone.lagrangian, q, v, { solver: lu() }), eulerLagrange(alone.tensorLagrangian, q, v, { solver: lu() }), { rtol: 1e-3, atol: 1e-4 });
    });
    for (const m of [scaled, plain, alone]) m.dispose();
  });

  it('wrapping makes the model 2π-periodic in its angles', () => {
    const model = new MlpLagrangian({ dof: 2, hidden: [16], angles: [0], angleTransform: 'wrap', seed: 3 });
    tf.tidy(() => {
      const v = tf.tensor2d([[0.4, -0.3]]);
      const a = model.accelerations(tf.tensor2d([[0.5, 0.2]]), v);
      const b = model.accelerations(tf.tensor2d([[0.5 + 2 * Math.PI, 0.2]]), v);
      assertAllClose(a, b, { rtol: 1e-4, atol: 1e-5 });
    });
    model.dispose();
  });

  it('save → load gives identical outputs, and the folder holds the documented files', () => {
    const model = new MlpLagrangian({ dof: 1, extraDim: 1, hidden: [24, 24], inputScale: { q: 0.1, extra: 0.1 }, seed: 4 });
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'lnn-model-')), 'model');
    saveModel(model, dir);
    expect(readdirSync(dir).sort()).toEqual([expect.stringMatching(/^arrays\.[0-9a-f]{8}\.bin$/), 'manifest.json']);
    const loaded = loadModel(dir);
    expect(loaded.config).toEqual(model.config);
    expect((loaded.config.solver as { name: string }).name).toBe('pinv'); // saved as its JSON, read back as the value
    tf.tidy(() => {
      const [q, v, g] = [tf.tensor2d([[0.1], [2]]), tf.tensor2d([[0.5], [-0.2]]), tf.tensor2d([[9.8], [-3]])];
      expect(Array.from(loaded.accelerations(q, v, g).dataSync())).toEqual(Array.from(model.accelerations(q, v, g).dataSync()));
    });
    saveModel(model, dir); // overwriting leaves one array file
    expect(readdirSync(dir).length).toBe(2);
    model.dispose();
    loaded.dispose();
  });

  it("saving over a folder deletes only the previous save's array file, never a user's file of the same pattern", () => {
    const model = new MlpLagrangian({ dof: 1, hidden: [4], seed: 1 });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lnn-model-'));
    writeFileSync(path.join(dir, 'arrays.0badc0de.bin'), 'mine');
    writeFileSync(path.join(dir, 'notes.txt'), 'mine too');
    saveModel(model, dir);
    const first = readdirSync(dir).filter((f) => f.startsWith('arrays.') && f !== 'arrays.0badc0de.bin');
    const v = model.variables[0] as tf.Variable;
    v.assign(tf.add(v, 1));
    saveModel(model, dir);
    const files = readdirSync(dir);
    expect(files).toContain('arrays.0badc0de.bin');
    expect(files).toContain('notes.txt');
    expect(files).not.toContain(first[0]);
    expect(files.filter((f) => /^arrays\.[0-9a-f]{8}\.bin$/.test(f))).toHaveLength(2); // the user's and the current one
    model.dispose();
  });

  it('loadModel on a damaged folder: a clear error naming the folder and what is wrong', () => {
    const model = new MlpLagrangian({ dof: 1, hidden: [4], seed: 1 });
    const fresh = () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'lnn-damaged-'));
      saveModel(model, dir);
      return dir;
    };
    const manifest = (dir: string) => path.join(dir, 'manifest.json');
    let dir = fresh();
    writeFileSync(manifest(dir), '{ "format": "lnn-model", ');
    expect(() => loadModel(dir)).toThrow(new RegExp(`loadModel: ${manifest(dir).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is damaged: it is not valid JSON`));
    dir = fresh();
    const parsed = JSON.parse(readFileSync(manifest(dir), 'utf8')) as Record<string, unknown>;
    writeFileSync(manifest(dir), JSON.stringify({ ...parsed, arrays: undefined }));
    expect(() => loadModel(dir)).toThrow(/is damaged: it has no "arrays" description/);
    writeFileSync(manifest(dir), JSON.stringify({ ...parsed, arrays: { ...(parsed.arrays as object), entries: [{ name: 'w', shape: [2], offset: 0, length: 3 }] } }));
    expect(() => loadModel(dir)).toThrow(/"arrays.entries\[0\]" is .*expected \{ name, shape, offset, length \}/);
    dir = fresh();
    const file = readdirSync(dir).find((f) => f.startsWith('arrays.')) as string;
    rmSync(path.join(dir, file));
    expect(() => loadModel(dir)).toThrow(`loadModel: ${dir} is damaged: its manifest names the array file ${file}, which is missing.`);
    model.dispose();
  });

  it('refuses bad configurations and missing extra inputs', () => {
    expect(() => new MlpLagrangian({ dof: 0 })).toThrow('MlpLagrangian: config.dof must be a positive integer, received 0.');
    expect(() => new MlpLagrangian({ dof: 2, hidden: [] })).toThrow(/config.hidden must be a non-empty array/);
    expect(() => new MlpLagrangian({ dof: 2, angles: [2] })).toThrow(/config.angles must be distinct coordinate indices in \[0, 2\)/);
    expect(() => new MlpLagrangian({ dof: 2, inputScale: { q: [1] } })).toThrow('MlpLagrangian: config.inputScale.q must be a positive finite number or 2 of them, received [1].');
    expect(() => new MlpLagrangian({ dof: 2, inputScale: { qdot: 0 } })).toThrow('MlpLagrangian: config.inputScale.qdot must be a positive finite number or 2 of them, received 0.');
    expect(() => new MlpLagrangian({ dof: 1, extraDim: 1, inputScale: { extra: [Number.NaN] } })).toThrow(/config.inputScale.extra must be a positive finite number or 1 of them/);
    const model = new MlpLagrangian({ dof: 1, extraDim: 1, hidden: [4] });
    expect(() => tf.tidy(() => model.accelerations(tf.ones([1, 1]) as tf.Tensor2D, tf.ones([1, 1]) as tf.Tensor2D))).toThrow(
      'MlpLagrangian: this model takes extra inputs of shape [batch, 1], received none.',
    );
    model.dispose();
    expect(() => loadModel(os.tmpdir())).toThrow(/holds no manifest.json/);
  });
});
