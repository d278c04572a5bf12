import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@lnn/autodiff';
import { accelerationDataset, doublePendulum, splitStates } from '@lnn/systems';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertAllClose, checkVariableGradients } from '@lnn/autodiff/testing';
import { conditioning } from './euler-lagrange';
import { readBundle } from './internal/bundle';
import { MlpLagrangian } from './mlp-lagrangian';
import { saveModel } from './model-io';
import { learningRate } from './schedule';
import type { TrainingData } from './training-data';
import { evaluate, train } from './trainer';

const dp = doublePendulum();
function data(count: number, seed: number): TrainingData {
  const ds = accelerationDataset(dp, { count, seed, sample: dp.sampleTrainingState });
  return { ...splitStates(ds.arrays.states!.data, 2), qdd: ds.arrays.accelerations!.data };
}
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'lnn-train-'));
const weights = (m: MlpLagrangian) => m.variables.map((v) => Array.from(v.dataSync()));

beforeAll(async () => {
  await initBackend();
});

describe('train', () => {
  const trainSet = data(2000, 1);
  const heldOut = data(500, 2);

  it.each([
    ['the defaults', {}],
    ['clipNorm (active: 5 is below every gradient norm here)', { clipNorm: 5 }],
    ['the definiteness guard', { definiteness: { weight: 1 } }],
  ])('resuming from a checkpoint gives the same weights as an uninterrupted run, with %s', (_name, extra) => {
    const options = { batchSize: 16, seed: 7, schedule: { kind: 'one-cycle', peak: 1e-3, total: 60 } as const, weightDecay: 1e-4, ...extra };
    const straight = new MlpLagrangian({ dof: 2, hidden: [16, 16], angles: [0, 1], angleTransform: 'wrap', seed: 5 });
    train(straight, trainSet, { ...options, steps: 60 });

    const dir = tmp();
    const first = new MlpLagrangian({ dof: 2, hidden: [16, 16], angles: [0, 1], angleTransform: 'wrap', seed: 5 });
    train(first, trainSet, { ...options, steps: 25, checkpoint: { dir, every: 10 } }); // "interrupted" after step 25
    first.dispose();
    const second = new MlpLagrangian({ dof: 2, hidden: [16, 16], angles: [0, 1], angleTransform: 'wrap', seed: 5 });
    const resumed = train(second, trainSet, { ...options, steps: 60, checkpoint: { dir, every: 10 } });
    expect(resumed.resumedFrom).toBe(25);
    expect(weights(second)).toEqual(weights(straight));
    // A checkpoint of another model is refused rather than loaded into the wrong shapes.
    const other = new MlpLagrangian({ dof: 2, hidden: [8], seed: 5 });
    expect(() => train(other, trainSet, { ...options, steps: 60, checkpoint: { dir, every: 10 } })).toThrow(/is for a different model/);
    other.dispose();
    straight.dispose();
    second.dispose();
  });

  it('refuses to resume a checkpoint written with other data or options, saying what changed (unless allowChanges)', () => {
    const dir = tmp();
    const options = { steps: 20, batchSize: 8, schedule: { kind: 'one-cycle', peak: 1e-3, total: 40 } as const, checkpoint: { dir, every: 10 } };
    const model = () => new MlpLagrangian({ dof: 2, hidden: [8], seed: 5 });
    const first = model();
    train(first, trainSet, options);
    first.dispose();
    const second = model();
    expect(() => train(second, heldOut, { ...options, steps: 40 })).toThrow(/was written by a run with other inputs — the data \(its hash differs\)\. Resuming would continue that run/);
    expect(() => train(second, trainSet, { ...options, steps: 40, schedule: { kind: 'one-cycle', peak: 2e-3, total: 40 } })).toThrow(
      /schedule: \{"kind":"one-cycle","peak":0\.001,"total":40\} → \{"kind":"one-cycle","peak":0\.002,"total":40\}/,
    );
    expect(() => train(second, trainSet, { ...options, steps: 40, clipNorm: 10 })).toThrow(/clipNorm: null → 10/);
    // The same inputs, more steps: a resume. allowChanges: a resume on purpose.
    expect(train(second, trainSet, { ...options, steps: 30 }).resumedFrom).toBe(20);
    expect(train(second, trainSet, { ...options, steps: 40, weightDecay: 1e-4, checkpoint: { ...options.checkpoint, allowChanges: true } }).resumedFrom).toBe(30);
    // A saveModel folder is not a checkpoint.
    const saved = tmp();
    saveModel(second, saved);
    expect(() => train(second, trainSet, { ...options, checkpoint: { dir: saved, every: 10 } })).toThrow(`train: ${saved} holds a saved model (saveModel, a mlp-lagrangian), not a training checkpoint`);
    second.dispose();
  });

  it('clipNorm: Adam sees the gradient scaled down to that norm (its first moment after one step, read from the checkpoint)', () => {
    const firstMoment = (clipNorm?: number) => {
      const dir = tmp();
      const model = new MlpLagrangian({ dof: 2, hidden: [16], seed: 3 });
      let norm = Number.NaN;
      train(model, trainSet, { steps: 1, batchSize: 32, ...(clipNorm === undefined ? {} : { clipNorm }), checkpoint: { dir, every: 1 }, onProgress: (p) => (norm = p.gradientNorm), progressEvery: 1 });
      model.dispose();
      const { arrays } = readBundle(dir, 'test');
      const moments = arrays.filter((a) => a.name.startsWith('adam_m')).flatMap((a) => Array.from(a.data));
      return { norm, moments };
    };
    const plain = firstMoment();
    const clipped = firstMoment(plain.norm / 10);
    // m₁ = (1 − β₁)·g: its norm is 0.1·‖g‖ unclipped and 0.1·clip clipped, along the same direction.
    expect(clipped.norm).toBeCloseTo(plain.norm, 3); // the reported norm is the one before clipping
    const length = (v: number[]) => Math.hypot(...v);
    assertAllClose([length(plain.moments)], [0.1 * plain.norm], { rtol: 1e-4 });
    assertAllClose(clipped.moments, plain.moments.map((m) => m / 10), { rtol: 1e-4, atol: 1e-9 });
  });

  it("lossCap: a residual beyond the cap gives no gradient — its size no longer matters, and its row stops pulling the fit", () => {
    // Four rows, batches of 32 drawn with replacement: the same draws whatever the targets.
    const head = (x: ArrayLike<number>) => Array.from(x).slice(0, 8);
    const clean = { q: head(trainSet.q), qdot: head(trainSet.qdot), qdd: head(trainSet.qdd) };
    const withOutlier = (size: number) => ({ ...clean, qdd: clean.qdd.map((v, i) => (i === 6 ? v + size : v)) });
    const run = (data: TrainingData, lossCap?: number) => {
      const model = new MlpLagrangian({ dof: 2, hidden: [8], seed: 4 });
      train(model, data, { steps: 5, batchSize: 32, seed: 1, ...(lossCap === undefined ? {} : { lossCap }) });
      const w = weights(model);
      model.dispose();
      return w;
    };
    // Two outliers of different sizes, both far beyond the cap: the same training.
    const capped = run(withOutlier(1e6), 1000);
    expect(run(withOutlier(1e5), 1000)).toEqual(capped);
    // Without the cap the outlier's row pulls the fit (L1: by its residual's sign): another training.
    expect(run(withOutlier(1e6))).not.toEqual(capped);
    expect(() => train(new MlpLagrangian({ dof: 2, hidden: [4] }), clean, { steps: 1, lossCap: 0 })).toThrow('train: options.lossCap must be a positive finite number, received 0.');
  });

  it('definiteness: adds weight × the minority-sign share of H_vv\'s eigenvalues to the loss, and steers the update', () => {
    // The guard's effect on whole trainings is measured by the double-pendulum ablation of
    // apps/paper-repro (seed 3 falls back to q̈ ≈ 0 without it); here, its term and its gradient.
    const model = new MlpLagrangian({ dof: 2, hidden: [16, 16], angles: [0, 1], angleTransform: 'features', seed: 1 });
    const head = (x: ArrayLike<number>) => Array.from(x).slice(0, 64);
    const one = { q: head(trainSet.q), qdot: head(trainSet.qdot), qdd: head(trainSet.qdd) };
    const q = tf.tensor2d(Float32Array.from(one.q), [32, 2]);
    const v = tf.tensor2d(Float32Array.from(one.qdot), [32, 2]);
    const { eigenvalues } = conditioning(model.lagrangian, q, v);
    let share = 0;
    for (let b = 0; b < 32; b++) {
      const [lo, hi] = [eigenvalues[2 * b] as number, eigenvalues[2 * b + 1] as number];
      share += lo < 0 && hi > 0 ? Math.min(-lo, hi) / (hi - lo) : 0;
    }
    share /= 32;
    expect(share).toBeGreaterThan(0.05); // this initialisation is indefinite at many of these states
    const lossOf = (definiteness?: { weight: number }) => {
      const copy = new MlpLagrangian({ dof: 2, hidden: [16, 16], angles: [0, 1], angleTransform: 'features', seed: 1 });
      let loss = Number.NaN;
      // One batch of all 32 states (sampled with replacement: the same draw with either option).
      // Three steps: Adam's first update is the sign of the gradient alone, which the guard need not flip.
      train(copy, one, { steps: 3, batchSize: 32, seed: 2, ...(definiteness === undefined ? {} : { definiteness }), progressEvery: 1, onProgress: (p) => (loss = Number.isNaN(loss) ? p.loss : loss) });
      const after = weights(copy);
      copy.dispose();
      return { loss, after };
    };
    const plain = lossOf();
    const guarded = lossOf({ weight: 3 });
    const sampledShare = (guarded.loss - plain.loss) / 3;
    expect(sampledShare).toBeGreaterThan(0);
    expect(sampledShare).toBeLessThanOrEqual(0.5);
    expect(guarded.after).not.toEqual(plain.after);
    expect(() => train(model, one, { steps: 1, definiteness: { weight: -1 } })).toThrow('train: options.definiteness.weight must be a finite number ≥ 0, received -1.');
    tf.dispose([q, v]);
    model.dispose();
  });

  it('leaks no tensors over 1,000 steps and counts skipped updates', () => {
    const before = tf.memory().numTensors;
    const model = new MlpLagrangian({ dof: 2, hidden: [8], seed: 1 });
    const options = { steps: 1000, batchSize: 8, progressEvery: 250, evaluation: { data: heldOut, every: 500 } };
    const result = train(model, trainSet, options);
    // What stays is the model's own: its weights and, after an evaluation, their transposes; a
    // second run leaves the count where the first did.
    const afterFirst = tf.memory().numTensors;
    train(model, trainSet, { ...options, steps: 500 });
    expect(tf.memory().numTensors).toBe(afterFirst);
    expect(result.steps).toBe(1000);
    expect(result.history.map(([s]) => s)).toEqual([250, 500, 750, 1000]);
    expect(result.evaluations.map(([s]) => s)).toEqual([500, 1000]);
    expect(result.skipped).toBe(0);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('skips and counts updates whose gradient is not finite', () => {
    const model = new MlpLagrangian({ dof: 2, hidden: [8], seed: 1 });
    const poisoned = { ...trainSet, qdd: Float64Array.from(trainSet.qdd, (x, i) => (i < 2 ? 1e38 : x)) };
    const before = weights(model);
    // MSE of 1e38 overflows float32: every step that draws the first row must be skipped.
    const head = (x: ArrayLike<number>) => Array.from(x).slice(0, 4);
    const result = train(model, { q: head(poisoned.q), qdot: head(poisoned.qdot), qdd: head(poisoned.qdd) }, { steps: 5, batchSize: 4, loss: "mse" });
    expect(result.skipped).toBeGreaterThan(0);
    expect(weights(model)).toEqual(before);
    model.dispose();
  });

  // What makes training work, checked on its mechanism rather than on one seed's run: the loss's
  // gradient in the weights (through the Euler–Lagrange solve: third derivatives of the network)
  // is right, and the trainer's step goes down it.
  it('the gradient of the loss on q̈ in the weights, through the Euler–Lagrange solve, equals central differences of that loss', () => {
    const model = new MlpLagrangian({ dof: 2, hidden: [16, 16], angles: [0, 1], angleTransform: 'features', seed: 0 });
    const pool = data(256, 3);
    const [qAll, vAll] = [tf.tensor2d(Array.from(pool.q), [256, 2]), tf.tensor2d(Array.from(pool.qdot), [256, 2])];
    // 16 states where this initialisation's H_vv has condition number < 10 (181 of the 256): near a
    // singular H_vv the loss curves too fast for float32 differences to resolve its slope.
    const { conditionNumber } = conditioning(model.lagrangian, qAll, vAll);
    const rows = Array.from(conditionNumber.keys()).filter((i) => (conditionNumber[i] as number) < 10).slice(0, 16);
    expect(rows).toHaveLength(16);
    const pick = (a: ArrayLike<number>) => tf.tensor2d(rows.flatMap((i) => [a[2 * i] as number, a[2 * i + 1] as number]), [16, 2]);
    const [q, v, qdd] = [pick(pool.q), pick(pool.qdot), pick(pool.qdd)];
    const before = tf.memory().numTensors;
    const loss = () => tf.tidy(() => tf.mean(tf.square(tf.sub(model.accelerations(q, v), qdd)))) as tf.Scalar;
    // Every one of the ~400 weights moves by ±1e-4 (at 1e-3 the truncation error reaches a few
    // per cent here); the default atol is the loss's float32 rounding over that step. Measured:
    // autodiff and differences agree to ≤ 6e-4 relative (initialisation seeds 0–3); rtol 1e-2.
    const checks = checkVariableGradients(loss, model.variables, { directions: 3, seed: 1, step: 1e-4 });
    expect(checks.every((c) => Math.abs(c.autodiff) > 0)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([qAll, vAll, q, v, qdd]);
    model.dispose();
  });

  it.each(['l1', 'mse'] as const)('one step at a small learning rate lowers the %s loss of the batch it was taken on (data of one state: every batch is the same)', (loss) => {
    const model = new MlpLagrangian({ dof: 2, hidden: [16, 16], angles: [0, 1], angleTransform: 'features', seed: 0 });
    const one = data(1, 3);
    const initial = evaluate(model, one, { loss });
    const reports: [number, number][] = [];
    // Adam's first steps move every weight by about the learning rate against its gradient's sign:
    // a descent direction, so at 1e-4 the loss (reported before each update) falls at every step.
    train(model, one, { steps: 4, batchSize: 8, loss, schedule: { kind: 'constant', value: 1e-4 }, progressEvery: 1, onProgress: (p) => reports.push([p.step, p.loss]) });
    expect(reports.map(([step]) => step)).toEqual([1, 2, 3, 4]);
    reports.slice(1).forEach(([, l], i) => expect(l).toBeLessThan(reports[i]![1]));
    // …and by a margin no float32 rounding explains.
    expect(reports[3]![1]).toBeLessThan(reports[0]![1] * (1 - 1e-4));
    // The first report is the loss of the initial weights on that state.
    expect(Math.abs(reports[0]![1] / initial - 1)).toBeLessThan(1e-5);
    model.dispose();
  });

  it('per-sample weights: the loss is Σ wᵢ·lossᵢ / Σ wᵢ; equal weights train as no weights; zero weights ignore a sample', () => {
    const model = new MlpLagrangian({ dof: 2, hidden: [16], angles: [0, 1], angleTransform: 'wrap', seed: 8 });
    const n = 300;
    const head = (a: ArrayLike<number>): number[] => Array.from(a).slice(0, 2 * n);
    const small = { q: head(trainSet.q), qdot: head(trainSet.qdot), qdd: head(trainSet.qdd) };
    const w = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0 : 0.5 + (i % 7)));
    // Rows with weight 0 get absurd targets, which must not show.
    for (let i = 0; i < n; i += 3) small.qdd[2 * i] = 1e6;
    const perSample = tf.tidy(() => {
      const p = model.accelerations(tf.tensor2d(Float32Array.from(small.q), [n, 2]), tf.tensor2d(Float32Array.from(small.qdot), [n, 2]));
      return tf.mean(tf.abs(tf.sub(p, tf.tensor2d(small.qdd, [n, 2]))), 1);
    });
    const l = perSample.dataSync();
    perSample.dispose();
    const expected = w.reduce((s, wi, i) => s + wi * (l[i] as number), 0) / w.reduce((s, wi) => s + wi, 0);
    expect(Math.abs(evaluate(model, { ...small, weight: w }, { batchSize: 64 }) / expected - 1)).toBeLessThan(1e-5);

    const options = { steps: 20, batchSize: 16, seed: 3 };
    const [a, b] = [new MlpLagrangian({ dof: 2, hidden: [16], seed: 9 }), new MlpLagrangian({ dof: 2, hidden: [16], seed: 9 })];
    train(a, trainSet, options);
    train(b, { ...trainSet, weight: new Float64Array(2000).fill(2.5) }, options);
    const [wa, wb] = [weights(a).flat(), weights(b).flat()];
    expect(Math.max(...wa.map((x, i) => Math.abs(x - (wb[i] as number))))).toBeLessThan(1e-5);
    expect(() => train(a, { ...trainSet, weight: [1, 2] }, options)).toThrow('train: data.weight must hold one number per sample (2000), received 2.');
    expect(() => train(a, { ...trainSet, weight: new Float64Array(2000).fill(-1) }, options)).toThrow('train: data.weight must be finite and ≥ 0, received -1 in row 0.');
    expect(() => train(a, { ...trainSet, weight: new Float64Array(2000) }, options)).toThrow('train: data.weight must not be all zero.');
    for (const m of [model, a, b]) m.dispose();
  });

  it('rejects bad options and data, naming them', () => {
    const model = new MlpLagrangian({ dof: 2, hidden: [4] });
    expect(() => train(model, trainSet, { steps: 0 })).toThrow('train: options.steps must be a positive integer, received 0.');
    expect(() => train(model, trainSet, { steps: 1, loss: 'huber' as never })).toThrow(/options.loss must be 'l1' or 'mse'/);
    expect(() => train(model, trainSet, { steps: 1, schedule: { kind: 'exponential', initial: 1e-3, rate: 0, steps: 10 } })).toThrow(
      'train: schedule.rate must be a positive number, received 0.',
    );
    expect(() => train(model, { q: [0, 0], qdot: [0], qdd: [0, 0] }, { steps: 1 })).toThrow('train: data.qdot must hold 1·2 numbers like data.q, received 1.');
    expect(() => train(model, { q: [0, NaN], qdot: [0, 0], qdd: [0, 0] }, { steps: 1 })).toThrow(/non-finite value \(NaN\) in row 0/);
    model.dispose();
  });
});

describe('learning-rate schedules', () => {
  it('decay exponentially and follow the one-cycle cosine', () => {
    expect(learningRate({ kind: 'exponential', initial: 1e-3, rate: 0.1, steps: 1000 }, 1000)).toBeCloseTo(1e-4, 12);
    const oneCycle = { kind: 'one-cycle', peak: 1e-3, total: 1000 } as const;
    expect(learningRate(oneCycle, 0)).toBeCloseTo(1e-3 / 25, 12);
    expect(learningRate(oneCycle, 300)).toBeCloseTo(1e-3, 12);
    expect(learningRate(oneCycle, 1000)).toBeCloseTo(1e-3 / 25 / 1e4, 14);
  });
});
