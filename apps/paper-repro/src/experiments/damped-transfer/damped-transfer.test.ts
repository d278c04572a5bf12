import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, lu } from '@lnn/autodiff';
import { DissipativeLagrangian, dissipativeLagrangianKind, loadModel, saveModel, variableArrays, type Lagrangian } from '@lnn/lagrangian';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentContext, ExperimentResult } from '../../experiment';
import { silentProgress } from '../../progress';
import { metricAt } from '../../report/format';
import { doublePendulumExperiment } from '../double-pendulum';
import { DOUBLE_PENDULUM_SETTINGS } from '../double-pendulum/settings';
import { definiteness, doublePendulumModelDir, loadDoublePendulumLnn, negated } from './frozen';
import { dampedTransferExperiment } from './index';
import { DAMPED_TRANSFER_SETTINGS } from './settings';

let dir: string;
beforeAll(async () => {
  await initBackend();
  dir = mkdtempSync(path.join(tmpdir(), 'lnn-damped-transfer-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The double pendulum's true L in tfjs (m = l = 1, g = 9.8): H_vv positive definite everywhere.
const column = (x: tf.Tensor2D, i: number) => tf.reshape(tf.slice(x, [0, i], [-1, 1]), [-1]) as tf.Tensor1D;
const trueL: Lagrangian = {
  dof: 2,
  tensor: (x) => {
    const [t1, t2, w1, w2] = [0, 1, 2, 3].map((i) => column(x, i)) as [tf.Tensor1D, tf.Tensor1D, tf.Tensor1D, tf.Tensor1D];
    const kinetic = tf.addN([tf.square(w1), tf.mul(0.5, tf.square(w2)), tf.mul(tf.mul(w1, w2), tf.cos(tf.sub(t1, t2)))]);
    return tf.add(kinetic, tf.add(tf.mul(2 * 9.8, tf.cos(t1)), tf.mul(9.8, tf.cos(t2)))) as tf.Tensor1D;
  },
};
const states = { q: [0.3, -0.2, 1.2, 0.4, -1, 2.5, 3, -3], qdot: [1, 0, -2, 3, 0.5, -0.5, 0, 0] };

describe('damped-transfer: the sign of the frozen L', () => {
  it('reads +1 for the true L (H_vv positive definite at every state) and −1 for −L; L and −L give the same q̈', () => {
    const plus = definiteness(trueL, states);
    const minus = definiteness(negated(trueL), states);
    expect(plus).toEqual({ positive: 1, negative: 0, sign: 1 });
    expect(minus).toEqual({ positive: 0, negative: 1, sign: -1 });
    const tensors = tf.memory().numTensors;
    const [a, b] = [trueL, negated(trueL)].map((lagrangian) => {
      const model = new DissipativeLagrangian({ dof: 2, lagrangian: 'known', solver: lu() }, { lagrangian });
      const qdd = tf.tidy(() => model.accelerations(tf.tensor2d(states.q, [4, 2]), tf.tensor2d(states.qdot, [4, 2])).arraySync());
      model.dispose();
      return qdd.flat();
    }) as [number[], number[]];
    expect(tf.memory().numTensors).toBe(tensors);
    // float32 solves of the same system with H_vv negated: equal up to rounding (|q̈| ≲ 30, measured ≤ 1e-5).
    a.forEach((x, i) => expect(Math.abs(x - (b[i] as number))).toBeLessThan(1e-4));
    expect(Math.max(...a.map(Math.abs))).toBeGreaterThan(1); // not trivially zero
  });

  it('rejects states of the wrong shape and a Lagrangian of another dof, naming them', () => {
    expect(() => definiteness(trueL, { q: [1, 2, 3], qdot: [1, 2, 3] })).toThrow(/states must hold q and q̇ of equal length 2n/);
    expect(() => definiteness({ ...trueL, dof: 3 }, states)).toThrow(/dof 2 .*received dof 3/);
  });
});

describe('damped-transfer: loading experiment 1\'s LNN', () => {
  it('names the missing folder and refuses a model of another kind', () => {
    const modelDir = path.join(dir, 'elsewhere', 'models', 'damped-transfer');
    expect(doublePendulumModelDir(modelDir)).toBe(path.join(dir, 'elsewhere', 'models', 'double-pendulum', 'lnn'));
    expect(() => loadDoublePendulumLnn(modelDir)).toThrow(/experiment 1's LNN was not found at .*double-pendulum.lnn/);
    const wrong = new DissipativeLagrangian({ dof: 2, lagrangian: { hidden: [4] } });
    saveModel(wrong, doublePendulumModelDir(modelDir));
    wrong.dispose();
    expect(() => loadDoublePendulumLnn(modelDir)).toThrow(/dissipative-lagrangian|not given|kinds/);
  });
});

describe('the damped-transfer experiment, small', () => {
  it('runs at test scale after experiment 1\'s miniature: every metric the table reads is there, experiment 1\'s L untouched (step 1 saves D alone, step 2 L and D), the no-D model dissipating nothing (100 %), no tensor left behind', async () => {
    const base = (id: string, settings: unknown): ExperimentContext => ({
      scale: 'test',
      settings,
      seed: 0,
      checkpointDir: path.join(dir, 'checkpoints', id),
      modelDir: path.join(dir, 'models', id),
      progress: silentProgress,
      stage: (_name, compute) => compute(),
      previous: {},
    });
    const first = (await doublePendulumExperiment.run!(base('double-pendulum', DOUBLE_PENDULUM_SETTINGS.test))) as ExperimentResult;
    const lnnDir = path.join(dir, 'models', 'double-pendulum', 'lnn');
    const before = readdirSync(lnnDir).map((f) => readFileSync(path.join(lnnDir, f)).toString('base64'));
    const tensors = tf.memory().numTensors;
    const result = (await dampedTransferExperiment.run!({ ...base('damped-transfer', DAMPED_TRANSFER_SETTINGS.test), previous: { 'double-pendulum': first } })) as ExperimentResult;
    expect(tf.memory().numTensors).toBe(tensors);
    // Experiment 1's model is read, never written.
    expect(readdirSync(lnnDir).map((f) => readFileSync(path.join(lnnDir, f)).toString('base64'))).toEqual(before);
    // Step 1's saved model: L 'known' (not saved), only D's weights.
    const frozen = loadDoublePendulumLnn(path.join(dir, 'models', 'damped-transfer'));
    const saved = loadModel(path.join(dir, 'models', 'damped-transfer', 'dissipation'), { kinds: [dissipativeLagrangianKind], context: { lagrangian: frozen.lagrangian } }) as DissipativeLagrangian;
    expect(saved.config.lagrangian).toBe('known');
    expect(variableArrays(saved).length).toBe(saved.dissipation?.variables.length);
    expect(saved.dissipation?.variables.length).toBeGreaterThan(0);
    saved.dispose();
    frozen.dispose();
    expect([1, -1]).toContain(metricAt(result.metrics, 'lagrangian.sign'));
    expect(metricAt(result.metrics, 'lagrangian.used')).toBe(metricAt(result.metrics, 'lagrangian.sign') === 1 ? 'L' : '−L');
    // No D: nothing dissipated along the true motion, exactly 100 %; its q̈ split's dissipative part is 100 % too.
    expect(metricAt(result.metrics, 'withoutDissipation.lossError.max')).toBe(1);
    expect(metricAt(result.metrics, 'withoutDissipation.split.dissipative')).toBe(1);
    const scale = metricAt(result.metrics, 'withDissipation.gauge.scale') as number;
    expect(Number.isFinite(scale)).toBe(true);
    let cells = 0;
    for (const table of result.tables) {
      for (const row of table.rows) {
        for (const cell of row) {
          if (typeof cell === 'string') continue;
          const value = metricAt(result.metrics, cell.metric);
          expect(value, cell.metric).not.toBeUndefined();
          const undefinedUnits = cell.metric.startsWith('withDissipation.lossError') && scale <= 0;
          if (typeof value === 'number' && !undefinedUnits) expect(Number.isFinite(value), cell.metric).toBe(true);
          cells++;
        }
      }
    }
    expect(cells).toBeGreaterThan(20);
    expect(result.figures.map((f) => f.file)).toEqual(['damped-transfer-energy.svg', 'damped-transfer-training.svg']);
    expect(result.notes.join(' ')).toContain('learned from CONSERVATIVE data');
    expect(result.notes.join(' ')).toContain('Step 2 trains L and D together');
    // Step 2: L and D fine-tuned together from experiment 1's L and step 1's D, saved whole (an MLP L, not 'known').
    const tuned = loadModel(path.join(dir, 'models', 'damped-transfer', 'fine-tune'), { kinds: [dissipativeLagrangianKind] }) as DissipativeLagrangian;
    expect(tuned.config.lagrangian).not.toBe('known');
    expect(variableArrays(tuned).length).toBeGreaterThan(tuned.dissipation?.variables.length ?? 0);
    tuned.dispose();
    expect(Number.isFinite(metricAt(result.metrics, 'withDissipation.fineTune.heldOutBefore') as number)).toBe(true);
    expect(metricAt(result.metrics, 'withDissipation.fineTune.steps')).toBe(DAMPED_TRANSFER_SETTINGS.test.fineTune?.steps);
  }, 60_000);
});
