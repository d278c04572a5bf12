import * as tf from '@tensorflow/tfjs-core';
import { initBackend, jets, LinalgError } from '@lnn/autodiff';
import { accelerationDataset, createRandom, simplePendulum, splitStates } from '@lnn/systems';
import { beforeAll, describe, expect, it } from 'vitest';
import { exactPositions, oscillatorModel, oscillatorPositions, perturbedPendulum } from '../test/position-fixtures';
import { discreteEulerLagrangeResidual } from './discrete-lagrangian';
import type { Lagrangian } from './lagrangian';
import { MlpLagrangian } from './mlp-lagrangian';
import { fivePointTable, tripleTable, windowTable, type PositionData, type SampleTable } from './position-data';
import { positionLoss, type PositionLossSettings, type PositionModel } from './position-loss';
import { evaluatePositions, trainFromPositions } from './train-from-positions';
import { evaluate } from './trainer';

beforeAll(async () => {
  await initBackend();
});

const OMEGA = 2;
const DT = 0.1;
/** What the discrete Euler–Lagrange fit of exact samples converges to: the midpoint rule's frequency, (2/Δt)·tan(ωΔt/2). */
const DISCRETE_OMEGA = (2 / DT) * Math.tan((OMEGA * DT) / 2);

/** The frequency the fourth-order fit of exact samples converges to: where E₄ of `cos ωt` vanishes (see richardson-residual.test.ts's reference). */
const RICHARDSON_OMEGA = (() => {
  const alpha = (h: number) => (1 + Math.cos(OMEGA * h)) / 2;
  const beta = (h: number) => (2 * Math.cos(OMEGA * h) - 2) / (h * h);
  return Math.sqrt(-(4 * beta(DT) - beta(2 * DT)) / (4 * alpha(DT) - alpha(2 * DT)));
})();

const settings = (method: PositionLossSettings['method'], loss: 'l1' | 'mse', order: 2 | 4 = 2): PositionLossSettings => ({ method, dt: DT, loss, lossCap: undefined, definiteness: 0, definitenessSign: 'either', newtonSteps: 1, order, window: 2, substeps: 1, onSingular: 'throw' });
const tableOf = (method: PositionLossSettings['method'], data: PositionData): SampleTable => {
  const length = data.positions.length / data.trajectories;
  return method === 'trajectory' ? windowTable(data, 1, length, 2) : tripleTable(data, 1, length);
};

/**
 * The loss of the oscillator model `L = ½ a q̇² − ½ b q²` in float64, written out: the Newton step
 * of the midpoint rule is exact for a quadratic L and predicts `q̈ = −b q / (a + Δt² b / 4)` at a
 * triple's centre; the trajectory method integrates `q̈ = −(b/a) q` by RK4 from the window's centre.
 */
function referenceLoss(method: PositionLossSettings['method'], loss: 'l1' | 'mse', table: SampleTable, a: number, b: number): number {
  const f = (e: number) => (loss === 'l1' ? Math.abs(e) : e * e);
  let total = 0;
  let count = 0;
  for (let r = 0; r < table.rows; r++) {
    const row = table.values.subarray(r * table.width, (r + 1) * table.width);
    if (method === 'discrete-euler-lagrange') {
      total += f((-b * row[0]!) / (a + (DT * DT * b) / 4) - row[2]!);
      count++;
      continue;
    }
    for (const direction of [1, -1]) {
      let [q, v] = [0, row[1]!]; // offset from the centre, velocity
      const acc = (x: number) => (-b / a) * (row[0]! + x);
      const h = direction * DT;
      for (let k = 1; k <= 2; k++) {
        const [k1q, k1v] = [v, acc(q)];
        const [k2q, k2v] = [v + (h / 2) * k1v, acc(q + (h / 2) * k1q)];
        const [k3q, k3v] = [v + (h / 2) * k2v, acc(q + (h / 2) * k2q)];
        const [k4q, k4v] = [v + h * k3v, acc(q + h * k3q)];
        q += (h / 6) * (k1q + 2 * k2q + 2 * k3q + k4q);
        v += (h / 6) * (k1v + 2 * k2v + 2 * k3v + k4v);
        total += f(q / (0.5 * (k * DT) ** 2) - row[(direction > 0 ? 1 + k : 3 + k)]!);
        count++;
      }
    }
  }
  return total / count;
}

describe('position losses', () => {
  const data = oscillatorPositions(OMEGA, DT, 6, 9, 4);

  it.each([
    ['discrete-euler-lagrange', 'mse'],
    ['discrete-euler-lagrange', 'l1'],
    ['trajectory', 'mse'],
    ['trajectory', 'l1'],
  ] as const)('%s (%s): value and gradient in (a, b) equal a float64 reference and its central differences', (method, loss) => {
    const table = tableOf(method, data);
    const [a0, b0] = [1.3, 3.1];
    const model = oscillatorModel(a0, b0);
    const before = tf.memory().numTensors;
    const { value, grads } = tf.tidy(() => {
      const batch = tf.tensor2d(Float32Array.from(table.values), [table.rows, table.width]);
      return tf.variableGrads(() => positionLoss(model, batch, settings(method, loss)), [model.a, model.b]);
    });
    const got = [value.dataSync()[0]!, grads[model.a.name]!.dataSync()[0]!, grads[model.b.name]!.dataSync()[0]!];
    tf.dispose([value, grads[model.a.name]!, grads[model.b.name]!]);
    expect(tf.memory().numTensors).toBe(before);
    const e = 1e-6;
    const expected = [
      referenceLoss(method, loss, table, a0, b0),
      (referenceLoss(method, loss, table, a0 + e, b0) - referenceLoss(method, loss, table, a0 - e, b0)) / (2 * e),
      (referenceLoss(method, loss, table, a0, b0 + e) - referenceLoss(method, loss, table, a0, b0 - e)) / (2 * e),
    ];
    // float32 inputs (positions ~1, offsets over ½(kΔt)²) and a handful of operations per term:
    // 1e-4 relative covers the rounding of the data and of the sums.
    for (let i = 0; i < 3; i++) expect(Math.abs(got[i]! - expected[i]!)).toBeLessThan(1e-4 * Math.abs(expected[i]!) + 1e-5);
    model.dispose();
  });

  it.each([
    ['discrete-euler-lagrange', 2],
    ['discrete-euler-lagrange', 4],
    ['trajectory', 2],
  ] as const)('%s (order %s): the gradient in the weights of an MLP term of L, along a random direction, equals central differences of the loss (float32)', (method, order) => {
    const system = simplePendulum();
    const rng = createRandom(8);
    const y0 = Float64Array.from({ length: 8 * 2 }, (_, i) => (i % 2 === 0 ? rng.uniform(-2, 2) : rng.uniform(-2, 2)));
    const pendulumData = exactPositions(system, y0, 0.1, 7);
    const length = 7;
    const table = method === 'trajectory' ? windowTable(pendulumData, 1, length, 2) : order === 4 ? fivePointTable(pendulumData, 1, length) : tripleTable(pendulumData, 1, length);
    const model = perturbedPendulum(0.1, 2);
    const s = { ...settings(method, 'mse', order), newtonSteps: 2 };
    const batch = tf.tensor2d(Float32Array.from(table.values), [table.rows, table.width]);
    const direction = model.variables.map((v) => tf.tidy(() => tf.randomNormal(v.shape, 0, 1, 'float32', 3 + v.size)));
    const norm = Math.sqrt(direction.reduce((sum, u) => sum + (tf.tidy(() => tf.sum(tf.square(u))).dataSync()[0] as number), 0));
    const { grads } = tf.tidy(() => tf.variableGrads(() => positionLoss(model, batch, s), [...model.variables]));
    const analytic = model.variables.reduce((sum, v, i) => sum + (tf.tidy(() => tf.sum(tf.mul(grads[v.name] ?? tf.zerosLike(v), direction[i]!))).dataSync()[0] as number), 0) / norm;
    const original = model.variables.map((v) => tf.clone(v));
    const lossAt = (t: number) => {
      model.variables.forEach((v, i) => v.assign(tf.tidy(() => tf.add(original[i]!, tf.mul(direction[i]!, t / norm)))));
      return tf.tidy(() => positionLoss(model, batch, s).dataSync()[0] as number);
    };
    // A step of 1e-2 along a unit direction: the float32 loss (~0.25, its residuals differences of
    // numbers ~10) is rounded to ~1e-6, i.e. ~1e-4 of the slope (~0.2) after dividing by 2e-2, and
    // the truncation error (e² × third derivative) was measured smaller (steps 3e-2 … 1e-3 agree
    // to 1e-4). Tolerance: 1e-3 of the slope.
    const e = 1e-2;
    const numeric = (lossAt(e) - lossAt(-e)) / (2 * e);
    expect(Math.abs(analytic - numeric)).toBeLessThan(1e-3 * Math.abs(numeric));
    tf.dispose([batch, ...direction, ...original, ...Object.values(grads)]);
    model.dispose();
  });
});

describe('trainFromPositions', () => {
  it.each([
    ['discrete-euler-lagrange', 4],
    ['discrete-euler-lagrange', 2],
    ['trajectory', 2],
  ] as const)('%s (order %s): recovers the harmonic oscillator ω = 2 within 1 % from positions alone, for every seed', (method, order) => {
    // A two-parameter L = ½ a q̇² − ½ b q², ω = √(b/a); start, data and batches all from the seed.
    for (const seed of [1, 2, 3, 4]) {
      const rng = createRandom(100 + seed);
      const model = oscillatorModel(rng.uniform(0.5, 2), rng.uniform(0.5, 2));
      const data = oscillatorPositions(OMEGA, DT, 32, 12, seed);
      const result = trainFromPositions(model, data, { method, order, steps: 150, batchSize: 32, seed, schedule: { kind: 'exponential', initial: 0.1, rate: 1e-3, steps: 150 } });
      const omega = model.omega();
      expect(result.skipped).toBe(0);
      expect(Math.abs(omega / OMEGA - 1)).toBeLessThan(0.01);
      // Sharper: the order-2 discrete fit lands on the midpoint rule's own frequency (0.33 % above ω
      // at ωΔt = 0.2), the order-4 one on its Richardson extrapolation's (RICHARDSON_OMEGA, 0.0057 %
      // above ω), the trajectory fit (RK4, fourth-order velocities) on ω itself.
      const target = method === 'trajectory' ? OMEGA : order === 4 ? RICHARDSON_OMEGA : DISCRETE_OMEGA;
      expect(Math.abs(omega / target - 1)).toBeLessThan(5e-4);
      model.dispose();
    }
  });

  it.each([
    ['discrete-euler-lagrange', 4],
    ['discrete-euler-lagrange', 2],
    ['trajectory', 2],
  ] as const)('%s (order %s): an MLP Lagrangian on the simple pendulum lowers the held-out position loss and acceleration error', (method, order) => {
    const system = simplePendulum();
    const rng = createRandom(21);
    const starts = (count: number) => Float64Array.from({ length: count * 2 }, (_, i) => (i % 2 === 0 ? rng.uniform(-1.5, 1.5) : rng.uniform(-2, 2)));
    const train = exactPositions(system, starts(64), 0.1, 8);
    const held = exactPositions(system, starts(16), 0.1, 8);
    const states = accelerationDataset(system, { count: 256, seed: 5, sample: (r, q, v) => {
        q[0] = r.uniform(-1.5, 1.5);
        v[0] = r.uniform(-2, 2);
      } });
    const accelerations = { ...splitStates(states.arrays.states!.data, 1), qdd: states.arrays.accelerations!.data };
    const model = new MlpLagrangian({ dof: 1, hidden: [16, 16], seed: 4 });
    const options = { method, order, window: 1 } as const; // trajectory: windows of 3, the second-order velocity estimate
    const before = { positions: evaluatePositions(model, held, options), accelerations: evaluate(model, accelerations) };
    const tensors = tf.memory().numTensors;
    const result = trainFromPositions(model, train, { ...options, steps: 150, batchSize: 32, seed: 1, schedule: { kind: 'one-cycle', peak: 1e-2, total: 150 }, progressEvery: 50, evaluation: { data: accelerations, every: 75 } });
    expect(tf.memory().numTensors).toBe(tensors);
    const after = { positions: evaluatePositions(model, held, options), accelerations: evaluate(model, accelerations) };
    expect(result.history.map(([step]) => step)).toEqual([50, 100, 150]);
    expect(result.evaluations.map(([step]) => step)).toEqual([75, 150]);
    expect(result.evaluations[1]![1]).toBeCloseTo(after.accelerations, 5);
    expect(after.positions).toBeLessThan(0.3 * before.positions);
    expect(after.accelerations).toBeLessThan(0.3 * before.accelerations);
    model.dispose();
  });

  it("order 2 cannot collapse to a trivial L: the discrete loss ignores L's scale, and a constant L is refused", () => {
    const data = oscillatorPositions(OMEGA, DT, 8, 10, 9);
    const meanTarget = tripleTable(data, 1, 10).values.filter((_, i) => i % 3 === 2).reduce((s, x) => s + Math.abs(x), 0) / (8 * 8);
    const losses = [1, 1e-3, 1e3].map((c) => {
      const model = oscillatorModel(1.2 * c, 3 * c);
      const loss = evaluatePositions(model, data, { method: 'discrete-euler-lagrange', order: 2 });
      // The raw residual scales with L: as a loss it would be driven to zero by shrinking L.
      const residual = tf.tidy(() => {
        const q = tf.tensor2d(Float32Array.from(data.positions), [8 * 10, 1]);
        const [q0, q1, q2] = [0, 1, 2].map((k) => tf.slice(q, [k, 0], [8 * 10 - 2, 1])) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
        return tf.mean(tf.abs(discreteEulerLagrangeResidual(model.lagrangian, q0, q1, q2, DT))).dataSync()[0] as number;
      });
      model.dispose();
      return { loss, residual };
    });
    expect(Math.abs(losses[1]!.loss / losses[0]!.loss - 1)).toBeLessThan(1e-4);
    expect(Math.abs(losses[2]!.loss / losses[0]!.loss - 1)).toBeLessThan(1e-4);
    expect(losses[1]!.residual / losses[0]!.residual).toBeLessThan(2e-3);
    // An L without a potential (b = 0) predicts no acceleration: its loss is that of predicting 0.
    const free = oscillatorModel(1, 0);
    expect(evaluatePositions(free, data, { method: 'discrete-euler-lagrange', order: 2 })).toBeCloseTo(meanTarget, 4);
    free.dispose();
    // A constant L has a singular Newton matrix: every update is skipped, none descends towards it.
    const base = oscillatorModel(1, 1);
    const constant: PositionModel = { ...base, lagrangian: { dof: 1, jet: (x) => jets.add(jets.scale(jets.slice(x, 0, 1), tf.mul(base.a, 0)), 1) } };
    const tensors = tf.memory().numTensors;
    const result = trainFromPositions(constant, data, { method: 'discrete-euler-lagrange', order: 2, steps: 5 });
    expect(result.skipped).toBe(5);
    expect(tf.memory().numTensors).toBe(tensors);
    constant.dispose();
  });

  it("order 4 cannot collapse to a trivial L: H_vv⁻¹·E₄ ignores L's scale and shift, and a constant L is refused", () => {
    const data = oscillatorPositions(OMEGA, DT, 8, 10, 9);
    const losses = [
      [1, 0],
      [1e-3, 0],
      [1e3, 5],
    ].map(([c, shift]) => {
      const base = oscillatorModel(1.2 * c!, 3 * c!);
      const model: PositionModel = shift === 0 ? base : { ...base, lagrangian: { dof: 1, jet: (x) => jets.add((base.lagrangian as Extract<Lagrangian, { jet: unknown }>).jet(x, undefined), shift!) } };
      const loss = evaluatePositions(model, data, { method: 'discrete-euler-lagrange', order: 4 });
      base.dispose();
      return loss;
    });
    // float32: the residual is a difference of terms ~c·100; its relative rounding does not depend
    // on c, so the losses agree to a few ε₃₂; tolerance 1e-4.
    expect(Math.abs(losses[1]! / losses[0]! - 1)).toBeLessThan(1e-4);
    expect(Math.abs(losses[2]! / losses[0]! - 1)).toBeLessThan(1e-4);
    // An L without a potential (b = 0) predicts q̈ = 0: its error is the data's fourth-order
    // acceleration estimate, (16(q₁ − 2q + q₋₁) − (q₂ − 2q + q₋₂))/(12Δt²) ≈ −ω² q.
    const free = oscillatorModel(1, 0);
    const table = fivePointTable(data, 1, 10);
    let meanAcceleration = 0;
    for (let r = 0; r < table.rows; r++) {
      const [, before1, after1, before2, after2] = table.values.subarray(r * 5, r * 5 + 5) as unknown as number[];
      meanAcceleration += Math.abs(16 * (after1! - before1!) - (after2! - before2!)) / (12 * DT * DT) / table.rows;
    }
    expect(evaluatePositions(free, data, { method: 'discrete-euler-lagrange', order: 4 })).toBeCloseTo(meanAcceleration, 4);
    free.dispose();
    // A constant L has a singular H_vv: every update is skipped, none descends towards it.
    const base = oscillatorModel(1, 1);
    const constant: PositionModel = { ...base, lagrangian: { dof: 1, jet: (x) => jets.add(jets.scale(jets.slice(x, 0, 1), tf.mul(base.a, 0)), 1) } };
    const tensors = tf.memory().numTensors;
    const result = trainFromPositions(constant, data, { method: 'discrete-euler-lagrange', order: 4, steps: 5 });
    expect(result.skipped).toBe(5);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(() => evaluatePositions(constant, data, { method: 'discrete-euler-lagrange', order: 4 })).toThrow(LinalgError);
    constant.dispose();
  });

  it('refuses bad data and options, naming them', () => {
    const model = oscillatorModel(1, 1);
    const data = oscillatorPositions(OMEGA, DT, 2, 5, 1);
    expect(() => trainFromPositions(model, data, { method: 'euler' as never, steps: 1 })).toThrow(/options.method must be 'discrete-euler-lagrange' or 'trajectory', received "euler"/);
    expect(() => trainFromPositions(model, { ...data, dt: -1 }, { method: 'trajectory', steps: 1 })).toThrow(/data.dt must be a positive finite number, received -1/);
    expect(() => trainFromPositions(model, data, { method: 'trajectory', steps: 1, window: 3 })).toThrow(/length ≥ 7 \(this method's window\), received 10 for 2 trajectories/);
    expect(() => trainFromPositions(model, { ...data, positions: [...Array.from(data.positions).slice(1), Number.NaN] }, { method: 'trajectory', steps: 1 })).toThrow(/data.positions\[9\] is NaN/);
    expect(() => trainFromPositions(model, data, { method: 'trajectory', steps: 0 })).toThrow(/options.steps must be a positive integer, received 0/);
    expect(() => trainFromPositions(model, data, { method: 'discrete-euler-lagrange', order: 3 as never, steps: 1 })).toThrow(/options.order must be 2 or 4, received 3/);
    expect(() => trainFromPositions(model, { ...data, positions: Array.from(data.positions).slice(0, 8), trajectories: 2 }, { method: 'discrete-euler-lagrange', steps: 1 })).toThrow(/length ≥ 5 \(this method's window\), received 8 for 2 trajectories/);
    const { lagrangian: _dropped, ...withoutLagrangian } = model;
    expect(() => trainFromPositions(withoutLagrangian, data, { method: 'discrete-euler-lagrange', steps: 1 })).toThrow(/needs a Lagrangian model .* use method 'trajectory'/);
    model.dispose();
  });
});
