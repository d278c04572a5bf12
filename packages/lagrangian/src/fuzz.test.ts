import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, LinalgError } from '@lnn/autodiff';
import { dopri5, rk4 } from '@lnn/ode';
import { expectContract, fuzzSettings } from '@lnn/test-utils';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MlpLagrangian } from './mlp-lagrangian';
import { loadModel, saveModel } from './model-io';
import { rollout } from './rollout';
import { train, type TrainOptions } from './trainer';

const anyNumber = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -5, max: 5, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1e30, -1e30, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e-300) },
);
const awkward = fc.oneof(fc.double(), fc.constantFrom(0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1e9), fc.constant(undefined), fc.constant('x' as unknown as number));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

let model: MlpLagrangian;
let saved: string;
let savedWeights: number[][];
beforeAll(async () => {
  await initBackend();
  model = new MlpLagrangian({ dof: 2, hidden: [8], angles: [0, 1], angleTransform: 'features', seed: 3 });
  saved = mkdtempSync(path.join(os.tmpdir(), 'lnn-fuzz-saved-'));
  saveModel(model, saved);
  savedWeights = model.variables.map((v) => Array.from(v.dataSync()));
});
afterAll(() => {
  // Nothing already saved changes: the folder saved first still loads to the same weights.
  const loaded = loadModel(saved);
  expect(loaded.variables.map((v) => Array.from(v.dataSync()))).toEqual(savedWeights);
  loaded.dispose();
  model.dispose();
});

describe('@lnn/lagrangian fuzz: every entry point keeps its contract', () => {
  it('accelerations and energy: finite values, or a TypeError / LinalgError naming the function', () => {
    const shapes = fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }));
    fc.assert(
      fc.property(shapes, fc.array(anyNumber, { minLength: 24, maxLength: 24 }), fc.constantFrom('accelerations', 'energy'), ([batch, rankQ, width], values, which) => {
        const shape: number[] = rankQ === 1 ? [batch * width] : [batch, width];
        tf.tidy(() => {
          const size = shape.reduce((a, b) => a * b, 1);
          const q = tf.tensor(values.slice(0, size), shape as [number, number]) as tf.Tensor2D;
          const v = tf.tensor(values.slice(12, 12 + size), shape as [number, number]) as tf.Tensor2D;
          expectContract(['eulerLagrange', 'lagrangianEnergy', 'MlpLagrangian', 'pinvSolve'], () => (which === 'accelerations' ? model.accelerations(q, v) : model.energy(q, v)).dataSync(), {
            errors: [TypeError, RangeError, LinalgError],
          });
        });
      }),
      fuzzSettings(60),
    );
  });

  it('train: finite history, or a TypeError / RangeError naming train; a bad call leaves a checkpoint folder as it was', () => {
    const options = fc.record(
      {
        steps: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: awkward }),
        batchSize: maybe(fc.oneof(fc.integer({ min: 1, max: 8 }), awkward)),
        loss: maybe(fc.constantFrom('l1', 'mse', 'huber' as never)),
        weightDecay: maybe(fc.oneof(fc.constantFrom(0, 1e-4), awkward)),
        clipNorm: maybe(fc.oneof(fc.constantFrom(1, 100), awkward)),
        lossCap: maybe(fc.oneof(fc.constantFrom(10, 1000), awkward)),
        definiteness: maybe(fc.oneof(fc.constant({ weight: 1 }), fc.record({ weight: awkward }))),
        schedule: maybe(fc.oneof(fc.constant({ kind: 'constant', value: 1e-3 }), fc.record({ kind: fc.constantFrom('constant', 'one-cycle', 'cosine'), value: awkward, peak: awkward, total: awkward }))),
        progressEvery: maybe(fc.oneof(fc.constant(1), awkward)),
      },
      { requiredKeys: ['steps'] },
    ) as fc.Arbitrary<TrainOptions>;
    const data = fc.integer({ min: 0, max: 6 }).chain((n) =>
      fc.record({ q: fc.array(anyNumber, { minLength: 2 * n, maxLength: 2 * n + 1 }), qdot: fc.array(anyNumber, { minLength: 2 * n, maxLength: 2 * n }), qdd: fc.array(anyNumber, { minLength: 2 * n, maxLength: 2 * n }) }),
    );
    fc.assert(
      fc.property(options, data, fc.boolean(), (opts, d, intoSaved) => {
        const student = new MlpLagrangian({ dof: 2, hidden: [4], seed: 1 });
        try {
          // Half the cases point the checkpoint at the saved model's folder: refused (it is no
          // checkpoint, or the options or data are bad) before anything is written there.
          const checkpoint = intoSaved ? { checkpoint: { dir: saved, every: 1 } } : {};
          expectContract('train', () => train(student, d, { ...opts, ...checkpoint }).history, { errors: [TypeError, RangeError, Error] });
        } finally {
          student.dispose();
        }
      }),
      fuzzSettings(60),
    );
  });

  it('rollout: states (NaN only after a stop), or a TypeError / RangeError naming rollout or solve', () => {
    fc.assert(
      fc.property(
        fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 3 }).chain((b) => fc.array(anyNumber, { minLength: 4 * b, maxLength: 4 * b })) }, { weight: 1, arbitrary: fc.array(anyNumber, { maxLength: 9 }) }),
        fc.uniqueArray(fc.double({ min: 0, max: 0.5, noNaN: true }), { minLength: 1, maxLength: 3 }).map((t) => t.sort((a, b) => a - b)),
        fc.record({ method: fc.constantFrom('rk4', 'dopri5'), dt: maybe(fc.oneof(fc.constant(0.05), awkward)), maxSteps: maybe(fc.oneof(fc.constant(50), awkward)) }, { requiredKeys: ['method'] }),
        (y0, times, { method, dt, maxSteps = 200 }) => {
          const make = () => (method === 'rk4' ? rk4({ dt: dt as number, maxSteps }) : dopri5({ dt, maxSteps }));
          expectContract(['rollout', 'solve', 'rk4', 'dopri5'], () => rollout(model, y0, times, make()).states, { errors: [TypeError, RangeError], allowNaN: true, maxMs: 20_000 });
        },
      ),
      fuzzSettings(40),
    );
  });

  it('loadModel on a damaged copy: an Error naming loadModel and the folder, never a raw one', () => {
    const damages = fc.oneof(
      fc.record({ kind: fc.constant('manifest' as const), text: fc.oneof(fc.string(), fc.json()) }),
      fc.record({ kind: fc.constant('truncate-array' as const), keep: fc.integer({ min: 0, max: 64 }) }),
      fc.record({ kind: fc.constant('delete' as const), file: fc.constantFrom('manifest', 'array') }),
      fc.record({ kind: fc.constant('flip-byte' as const), at: fc.nat() }),
    );
    fc.assert(
      fc.property(damages, (damage) => {
        const dir = mkdtempSync(path.join(os.tmpdir(), 'lnn-fuzz-damaged-'));
        saveModel(model, dir);
        const array = path.join(dir, readdirSync(dir).find((f) => f.startsWith('arrays.')) as string);
        if (damage.kind === 'manifest') writeFileSync(path.join(dir, 'manifest.json'), damage.text);
        if (damage.kind === 'truncate-array') writeFileSync(array, readFileSync(array).subarray(0, damage.keep));
        if (damage.kind === 'delete') rmSync(damage.file === 'manifest' ? path.join(dir, 'manifest.json') : array);
        if (damage.kind === 'flip-byte') {
          const bytes = readFileSync(array);
          const i = damage.at % bytes.length;
          bytes[i] = (bytes[i] as number) ^ 0xff;
          writeFileSync(array, bytes);
        }
        const outcome = expectContract('loadModel', () => {
          const loaded = loadModel(dir);
          const values = loaded.variables.map((v) => Array.from(v.dataSync()));
          loaded.dispose();
          return values;
        }, { errors: [Error] });
        if (outcome.kind === 'threw') expect((outcome.error as Error).message).toContain(dir);
        rmSync(dir, { recursive: true, force: true });
      }),
      fuzzSettings(60),
    );
  });
});
