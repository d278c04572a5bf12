// The deprecated solver forms: still read (options, configurations, saved models, checkpoints),
// each mapped to the solver value it always meant, with identical results.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { damped, initBackend, lu, pinv, type Solver } from '@lnn/autodiff';
import { accelerationDataset, doublePendulum, splitStates } from '@lnn/systems';
import { beforeAll, describe, expect, it } from 'vitest';
import { eulerLagrange, type EulerLagrangeOptions } from './euler-lagrange';
import { MlpLagrangian } from './mlp-lagrangian';
import { loadModel, saveModel } from './model-io';
import type { LegacySolverOptions } from './solver-option';
import { train } from './trainer';

beforeAll(async () => {
  await initBackend();
});

/** Entries equal under Object.is. */
function identical(a: tf.Tensor, b: tf.Tensor): boolean {
  const [x, y] = [a.dataSync(), b.dataSync()];
  return x.length === y.length && x.every((v, i) => Object.is(v, y[i]));
}

// The old form, and the value it stands for.
const legacy: [LegacySolverOptions, Solver][] = [
  [{}, pinv()],
  [{ inverse: 'pinv' }, pinv()],
  [{ inverse: 'pinv', rcond: 0.05 }, pinv({ rcond: 0.05 })],
  [{ inverse: 'damped' }, damped()],
  [{ inverse: 'damped', damping: 0.3 }, damped({ epsilon: 0.3 })],
  [{ inverse: 'solve' }, lu()],
  [{ inverse: 'pinv', damping: 0.3 }, pinv()], // a field the inverse does not use was ignored, and still is
];

describe('deprecated solver forms', () => {
  let model: MlpLagrangian;
  beforeAll(() => {
    model = new MlpLagrangian({ dof: 2, hidden: [12, 12], angles: [0, 1], angleTransform: 'wrap', seed: 9 });
  });
  const states = () => [tf.tensor2d([[0.3, -1.2], [2, 0.4], [-0.7, 0.1]]), tf.tensor2d([[1, -0.5], [0.2, 2], [-1.5, 0.3]])] as const;

  it.each(legacy)('eulerLagrange(…, %j) = eulerLagrange(…, { solver }) exactly', (old, solver) => {
    tf.tidy(() => {
      const [q, v] = states();
      const before = eulerLagrange(model.lagrangian, q, v, old as EulerLagrangeOptions);
      const now = eulerLagrange(model.lagrangian, q, v, { solver });
      expect(identical(before, now)).toBe(true);
    });
  });

  it('the forms differ where they should (the mapping is not a constant)', () => {
    tf.tidy(() => {
      const [q, v] = states();
      const [a, b] = [eulerLagrange(model.lagrangian, q, v, { inverse: 'pinv' }), eulerLagrange(model.lagrangian, q, v, { inverse: 'damped', damping: 0.3 })];
      expect(identical(a, b)).toBe(false);
    });
  });

  it('MlpLagrangian reads config.solver in the old form into the value', () => {
    for (const [old, solver] of legacy) {
      const m = new MlpLagrangian({ dof: 1, hidden: [4], solver: old });
      expect(m.config.solver.toJSON()).toEqual(solver.toJSON());
      m.dispose();
    }
    expect(() => new MlpLagrangian({ dof: 1, hidden: [4], solver: { inverse: 'qr' } as never })).toThrow(
      `MlpLagrangian: config.solver.inverse must be 'pinv', 'damped' or 'solve' (deprecated: pass a solver value, pinv(), damped() or lu()), received "qr".`,
    );
    expect(() => new MlpLagrangian({ dof: 1, hidden: [4], solver: { method: 'lu' } as never })).toThrow(/MlpLagrangian: config.solver must be a solver value such as pinv\(\)/);
  });

  it('refuses solver together with the old fields, and an unknown inverse, naming them', () => {
    tf.tidy(() => {
      const [q, v] = states();
      expect(() => eulerLagrange(model.lagrangian, q, v, { solver: lu(), inverse: 'pinv' })).toThrow(
        'eulerLagrange: options.solver and the deprecated options.inverse / damping / rcond were both given; keep only solver (e.g. solver: damped({ epsilon })).',
      );
      expect(() => eulerLagrange(model.lagrangian, q, v, { inverse: 'lu' as never })).toThrow(
        `eulerLagrange: options.inverse must be 'pinv', 'damped' or 'solve' (deprecated: pass a solver value, pinv(), damped() or lu()), received "lu".`,
      );
      expect(() => eulerLagrange(model.lagrangian, q, v, { inverse: 'damped', damping: -1 })).toThrow('damped: options.epsilon must be a finite number ≥ 0, received -1.');
    });
  });

  it.each([
    [{ inverse: 'pinv' }, pinv()],
    [{ inverse: 'damped', damping: 0.05 }, damped({ epsilon: 0.05 })],
    [{ inverse: 'solve' }, lu()],
  ] as const)('a model file saved by the old code (config.solver = %j) loads and gives identical accelerations', (old, solver) => {
    const saved = new MlpLagrangian({ dof: 1, extraDim: 1, hidden: [10, 10], inputScale: { extra: 0.1 }, seed: 3, solver });
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'lnn-old-model-')), 'model');
    saveModel(saved, dir);
    // Rewrite the manifest as the earlier version wrote it.
    const file = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { config: Record<string, unknown> };
    expect(manifest.config.solver).toEqual(solver.toJSON());
    writeFileSync(file, JSON.stringify({ ...manifest, config: { ...manifest.config, solver: old } }, null, 2));
    const loaded = loadModel(dir) as MlpLagrangian;
    expect(loaded.config.solver.toJSON()).toEqual(solver.toJSON());
    tf.tidy(() => {
      const [q, v, g] = [tf.tensor2d([[0.1], [2], [-3]]), tf.tensor2d([[0.5], [-0.2], [0.9]]), tf.tensor2d([[9.8], [-3], [1]])];
      expect(identical(loaded.accelerations(q, v, g), saved.accelerations(q, v, g))).toBe(true);
    });
    saved.dispose();
    loaded.dispose();
  });

  it('a checkpoint written with the old solver form resumes; one of another solver is still refused', () => {
    const dp = doublePendulum();
    const ds = accelerationDataset(dp, { count: 200, seed: 1, sample: dp.sampleTrainingState });
    const data = { ...splitStates(ds.arrays.states!.data, 2), qdd: ds.arrays.accelerations!.data };
    const options = { batchSize: 8, seed: 2, schedule: { kind: 'constant', value: 1e-3 } as const };
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lnn-old-checkpoint-'));
    const make = (solver: Solver) => new MlpLagrangian({ dof: 2, hidden: [8], seed: 4, solver });
    const straight = make(pinv());
    train(straight, data, { ...options, steps: 6 });
    const first = make(pinv());
    train(first, data, { ...options, steps: 3, checkpoint: { dir, every: 3 } });
    const file = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { config: Record<string, unknown> };
    writeFileSync(file, JSON.stringify({ ...manifest, config: { ...manifest.config, solver: { inverse: 'pinv' } } }, null, 2));
    const other = make(damped());
    expect(() => train(other, data, { ...options, steps: 6, checkpoint: { dir, every: 3 } })).toThrow(/is for a different model/);
    const resumed = make(pinv());
    expect(train(resumed, data, { ...options, steps: 6, checkpoint: { dir, every: 3 } }).resumedFrom).toBe(3);
    expect(resumed.variables.map((w) => Array.from(w.dataSync()))).toEqual(straight.variables.map((w) => Array.from(w.dataSync())));
    for (const m of [straight, first, other, resumed]) m.dispose();
  });
});
