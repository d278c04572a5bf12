import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, lu } from '@lnn/autodiff';
import { DissipativeLagrangian, knownDissipation, rollout, type Lagrangian } from '@lnn/lagrangian';
import { dopri5, rk4, solve } from '@lnn/ode';
import { dampedDoublePendulum, forcedProblem } from '@lnn/systems';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentResult } from '../../experiment';
import { tableMetrics, testContext } from '../experiment-test-support';
import { metricAt } from '../../report/format';
import { judge, trueEnergies } from './decay';
import { learnedLoss, lossError } from './dissipated';
import { dampedExperiment } from './index';
import { DAMPED_INITIAL_STATES, DAMPED_SETTINGS } from './settings';
import { accelerationSplit } from './split';

let dir: string;
beforeAll(async () => {
  await initBackend();
  dir = mkdtempSync(path.join(tmpdir(), 'lnn-damped-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The damped double pendulum's L and D in tfjs (m = l = 1, g = 9.8, b₁ = b₂ = 0.1).
const column = (x: tf.Tensor2D, i: number) => tf.reshape(tf.slice(x, [0, i], [-1, 1]), [-1]) as tf.Tensor1D;
const trueL: Lagrangian = {
  dof: 2,
  tensor: (x) => {
    const [t1, t2, w1, w2] = [0, 1, 2, 3].map((i) => column(x, i)) as [tf.Tensor1D, tf.Tensor1D, tf.Tensor1D, tf.Tensor1D];
    const kinetic = tf.addN([tf.square(w1), tf.mul(0.5, tf.square(w2)), tf.mul(tf.mul(w1, w2), tf.cos(tf.sub(t1, t2)))]);
    return tf.add(kinetic, tf.add(tf.mul(2 * 9.8, tf.cos(t1)), tf.mul(9.8, tf.cos(t2)))) as tf.Tensor1D;
  },
};
const trueD = knownDissipation(2, (_q, v) => tf.mul(0.05, tf.add(tf.square(column(v, 0)), tf.square(tf.sub(column(v, 1), column(v, 0))))) as tf.Tensor1D);

describe('the damped experiment: the energy-decay measure', () => {
  it('is ≈ 0 for the true L and D rolled out like the learned models (RK4), and ≈ 100 % for the true L without D (its energy stays flat)', () => {
    const system = dampedDoublePendulum({ b1: 0.1, b2: 0.1 });
    const times = Array.from({ length: 21 }, (_, k) => 0.1 * k); // to t = 2
    const y0 = DAMPED_INITIAL_STATES.flat();
    const truth = trueEnergies(system, solve(forcedProblem(system), y0, times, dopri5({ rtol: 1e-10, atol: 1e-10 })));
    const withD = new DissipativeLagrangian({ dof: 2, lagrangian: 'known', dissipation: 'known', solver: lu() }, { lagrangian: trueL, dissipation: trueD });
    const withoutD = new DissipativeLagrangian({ dof: 2, lagrangian: 'known', solver: lu() }, { lagrangian: trueL });
    const judged = [withD, withoutD].map((m) => {
      const r = rollout(m, y0, times, rk4({ dt: 0.02 }));
      return judge(trueEnergies(system, r), truth, [...r.status]);
    });
    const [good, flat] = judged as [ReturnType<typeof judge>, ReturnType<typeof judge>];
    // RK4 at 0.02 and float32 accelerations against the 1e-10 truth: measured ≤ 1e-3.
    for (const e of good.decayError) expect(e).toBeLessThan(1e-2);
    for (const share of good.decayShare) expect(Math.abs(share - 1)).toBeLessThan(1e-2);
    // Without D the true energy is conserved up to RK4's drift: the error is the whole decay by T.
    for (const e of flat.decayError) expect(e).toBeGreaterThan(0.9);
    for (const share of flat.decayShare) expect(Math.abs(share)).toBeLessThan(0.1);
    withD.dispose();
    withoutD.dispose();
  });
});

describe('the damped experiment: the dissipated-energy measure along the true motion', () => {
  const system = dampedDoublePendulum({ b1: 0.1, b2: 0.1 });
  // To t = 2 at 0.01, as the experiment samples the true motion for this measure (at 0.1 Simpson's error on the power, oscillating at up to ~10 rad/s, is ~1 %).
  const times = Array.from({ length: 201 }, (_, k) => 0.01 * k);
  const y0 = DAMPED_INITIAL_STATES.flat();
  const trueTensor = (trueL as { tensor: (x: tf.Tensor2D, extra: tf.Tensor2D | undefined) => tf.Tensor1D }).tensor;
  const scaled = (c: number): Lagrangian => ({ dof: 2, tensor: (x, extra) => tf.mul(c, trueTensor(x, extra)) as tf.Tensor1D });
  const scaledD = (c: number) => knownDissipation(2, (q, v) => tf.mul(c, trueD.value(q, v)) as tf.Tensor1D);
  // States to fit the energy scale on: the true motion's own.
  const statesOf = (states: Float64Array) => {
    const q: number[] = [];
    const qdot: number[] = [];
    for (let o = 0; o < states.length; o += 4) {
      q.push(states[o] as number, states[o + 1] as number);
      qdot.push(states[o + 2] as number, states[o + 3] as number);
    }
    return { q, qdot };
  };

  it('is ≈ 0 for the true L and D and for both scaled by 2 (q̈ cannot tell them apart), ≈ 100 % for the true L with D doubled', () => {
    const truth = solve(forcedProblem(system), y0, times, dopri5({ rtol: 1e-10, atol: 1e-10 }));
    const truthEnergy = trueEnergies(system, truth);
    const states = statesOf(truth.states);
    const cases = [
      [1, 1],
      [2, 2],
      [1, 2],
    ] as const;
    const judged = cases.map(([cl, cd]) => {
      const model = new DissipativeLagrangian({ dof: 2, lagrangian: 'known', dissipation: 'known', solver: lu() }, { lagrangian: scaled(cl), dissipation: scaledD(cd) });
      const lost = learnedLoss(system, model, truth, states);
      model.dispose();
      return { ...lost, error: lossError(lost.loss, truthEnergy) };
    });
    const [same, gauge, doubled] = judged as [(typeof judged)[number], (typeof judged)[number], (typeof judged)[number]];
    // float32 energies (~30 in magnitude, ~4e-6 relative) and Simpson at 0.01: measured ≤ 1e-3.
    expect(Math.abs(same.gauge.scale - 1)).toBeLessThan(1e-3);
    expect(Math.abs(gauge.gauge.scale - 2)).toBeLessThan(2e-3);
    for (const e of [...same.error, ...gauge.error]) expect(e).toBeLessThan(1e-2);
    // Twice the dissipation at the same L: twice the loss, an error of the whole decay by T.
    for (const e of doubled.error) expect(e).toBeGreaterThan(0.95);
  });
});

describe('the damped experiment: the q̈ split along the true motion', () => {
  it('is ≈ 0 for the true L and D, the same for both scaled by 3, and 100 % dissipative error for the true L without D (its rest ≈ 0)', () => {
    const system = dampedDoublePendulum({ b1: 0.1, b2: 0.1 });
    const times = Array.from({ length: 41 }, (_, k) => 0.05 * k); // to t = 2
    const truth = solve(forcedProblem(system), DAMPED_INITIAL_STATES.flat(), times, dopri5({ rtol: 1e-10, atol: 1e-10 }));
    const trueTensor = (trueL as { tensor: (x: tf.Tensor2D, extra: tf.Tensor2D | undefined) => tf.Tensor1D }).tensor;
    const scaledL: Lagrangian = { dof: 2, tensor: (x, extra) => tf.mul(3, trueTensor(x, extra)) as tf.Tensor1D };
    const scaledD = knownDissipation(2, (q, v) => tf.mul(3, trueD.value(q, v)) as tf.Tensor1D);
    const models = [
      new DissipativeLagrangian({ dof: 2, lagrangian: 'known', dissipation: 'known', solver: lu() }, { lagrangian: trueL, dissipation: trueD }),
      new DissipativeLagrangian({ dof: 2, lagrangian: 'known', dissipation: 'known', solver: lu() }, { lagrangian: scaledL, dissipation: scaledD }),
      new DissipativeLagrangian({ dof: 2, lagrangian: 'known', solver: lu() }, { lagrangian: trueL }),
    ];
    const before = tf.memory().numTensors;
    const [same, scaled, none] = models.map((m) => accelerationSplit(system, m, truth)) as [ReturnType<typeof accelerationSplit>, ReturnType<typeof accelerationSplit>, ReturnType<typeof accelerationSplit>];
    expect(tf.memory().numTensors).toBe(before);
    // float32 accelerations against float64: measured 3.5e-7 (total), 8e-8 (dissipative part); the friction makes 7.3 % of q̈ here.
    for (const split of [same, scaled]) {
      expect(split.total).toBeLessThan(1e-4);
      expect(split.dissipative).toBeLessThan(1e-3);
      expect(split.conservative).toBeLessThan(1e-4);
    }
    expect(same.dissipativeShare).toBeGreaterThan(1e-3);
    expect(same.dissipativeShare).toBeLessThan(0.2);
    expect(none.dissipative).toBe(1);
    expect(none.conservative).toBeLessThan(1e-4);
    expect(none.total).toBeGreaterThan(0.5 * same.dissipativeShare);
    models.forEach((m) => m.dispose());
  });
});

describe('the damped experiment, small', () => {
  it('guards L\'s H_vv to be POSITIVE definite at every scale (with D ≥ 0, q̈ fixes (L, D) only up to a positive factor)', () => {
    for (const s of Object.values(DAMPED_SETTINGS)) expect(s.definiteness).toEqual({ weight: 1, sign: 'positive' });
  });

  it('runs at test scale: every metric the table reads is there, numbers finite (the dissipated-energy rows: NaN only with c ≤ 0), no tensor left behind', async () => {
    const tensors = tf.memory().numTensors;
    const context = testContext(DAMPED_SETTINGS.test, dir);
    const result = (await dampedExperiment.run!(context)) as ExperimentResult;
    expect(tf.memory().numTensors).toBe(tensors);
    const scale = metricAt(result.metrics, 'withDissipation.gauge.scale') as number;
    expect(Number.isFinite(scale)).toBe(true);
    const cells = tableMetrics(result);
    for (const { metric, value } of cells) {
      expect(value, metric).not.toBeUndefined();
      const undefinedUnits = metric.startsWith('withDissipation.lossError') && scale <= 0;
      if (typeof value === 'number' && !undefinedUnits) expect(Number.isFinite(value), metric).toBe(true);
    }
    expect(cells.length).toBeGreaterThan(20);
    expect(result.figures.map((f) => f.file)).toEqual(['damped-energy.svg', 'damped-training.svg']);
  });
});
