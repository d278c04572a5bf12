import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@lnn/autodiff';
import { createRandom, doublePendulum, simplePendulum, type MechanicalSystem } from '@lnn/systems';
import { beforeAll, describe, expect, it } from 'vitest';
import { doublePendulumJet, exactPositions, oscillatorModel, oscillatorPositions, pendulumJet, pendulumTensor } from '../test/position-fixtures';
import { discreteEulerLagrangeResidual } from './discrete-lagrangian';
import type { Lagrangian } from './lagrangian';
import { fivePointTable, type PositionData, type SampleTable } from './position-data';
import { positionLoss, type PositionLossSettings } from './position-loss';
import { richardsonEulerLagrangeResidual } from './richardson-residual';

beforeAll(async () => {
  await initBackend();
});

/** Random `[B, 2d]` starting states. */
function starts(system: MechanicalSystem, count: number, seed: number, angle: number, speed: number): Float64Array {
  const rng = createRandom(seed);
  const d = system.dof;
  return Float64Array.from({ length: count * 2 * d }, (_, i) => (i % (2 * d) < d ? rng.uniform(-angle, angle) : rng.uniform(-speed, speed)));
}

/**
 * The RMS of the order-2 (midpoint, per unit step) and order-4 residuals of `lagrangian` at the
 * same instants t = 4H … 8H of exact trajectories sampled every `fine`, with step h = `stride`·fine.
 */
function residualsAt(lagrangian: Lagrangian, data: PositionData, d: number, stride: number): { order2: number; order4: number } {
  const length = data.positions.length / (data.trajectories * d);
  const rows: number[][] = [[], [], [], [], []];
  for (let c = 0; c < data.trajectories; c++) {
    for (let centre = 8; centre <= length - 9; centre += 4) {
      for (let j = 0; j < 5; j++) {
        for (let i = 0; i < d; i++) rows[j]!.push(data.positions[(c * length + centre + (j - 2) * stride) * d + i] as number);
      }
    }
  }
  const h = stride * data.dt;
  return tf.tidy(() => {
    const [q0, q1, q2, q3, q4] = rows.map((r) => tf.tensor2d(r, [r.length / d, d])) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    const rms = (t: tf.Tensor) => Math.sqrt(tf.mean(tf.square(t)).dataSync()[0] as number);
    return { order2: rms(tf.div(discreteEulerLagrangeResidual(lagrangian, q1, q2, q3, h), h)), order4: rms(richardsonEulerLagrangeResidual(lagrangian, q0, q1, q2, q3, q4, h)) };
  });
}

describe('the fourth-order (Richardson) discrete Euler–Lagrange residual', () => {
  it.each([
    ['simple pendulum, jet (Δt 0.1 → 0.05)', simplePendulum(), pendulumJet(1, 1, 9.8), 0.1, 1.5, 3],
    ['simple pendulum, general path (Δt 0.1 → 0.05)', simplePendulum(), pendulumTensor(1, 1, 9.8), 0.1, 1.5, 3],
    ['double pendulum, jet (Δt 0.05 → 0.025)', doublePendulum(), doublePendulumJet(9.8), 0.05, 1, 1],
  ] as const)('of the true L on exact trajectories (DOPRI5, 1e-12) shrinks 16× when Δt halves, the midpoint one 4×: %s', (_name, system, lagrangian, dt, angle, speed) => {
    const d = system.dof;
    const data = exactPositions(system, starts(system, 16, 5, angle, speed), dt / 4, 8 * 4 + 1, 1e-12);
    const [coarse, fine] = [4, 2].map((stride) => residualsAt(lagrangian, data, d, stride)) as [ReturnType<typeof residualsAt>, ReturnType<typeof residualsAt>];
    // RMS over 16 trajectories × 5 instants. Measured: order 4 shrinks 15.0× (pendulum, 0.1 → 0.05)
    // and 13.5× (double pendulum, 0.05 → 0.025: the fast second arm keeps it short of 16); order 2
    // 3.97× and 3.88×. The float32 floor (~1e-4, a difference of momenta over Δt) is 3–10× below the
    // smaller order-4 residual here. Bounds: order 4 in (11, 17.5), order 2 in (3.5, 4.5) — a
    // second-order residual cannot pass the first, nor a first-order one the second.
    expect(coarse.order4 / fine.order4).toBeGreaterThan(11);
    expect(coarse.order4 / fine.order4).toBeLessThan(17.5);
    expect(coarse.order2 / fine.order2).toBeGreaterThan(3.5);
    expect(coarse.order2 / fine.order2).toBeLessThan(4.5);
    // And it is the smaller one: 53× (pendulum) and 13× (double pendulum) at the finer Δt.
    expect(fine.order4).toBeLessThan(0.2 * fine.order2);
  });

  it('refuses positions of different shapes and a bad Δt, naming them', () => {
    const lagrangian = pendulumJet(1, 1, 9.8);
    tf.tidy(() => {
      const q = tf.zeros([3, 1]) as tf.Tensor2D;
      expect(() => richardsonEulerLagrangeResidual(lagrangian, q, q, q, q, tf.zeros([2, 1]) as tf.Tensor2D, 0.1)).toThrow(/richardsonEulerLagrangeResidual: q4 has 2 rows, the other positions 3/);
      expect(() => richardsonEulerLagrangeResidual(lagrangian, q, q, q, q, q, 0)).toThrow(/richardsonEulerLagrangeResidual: dt must be a positive finite number, received 0/);
    });
  });
});

describe('the fourth-order position loss', () => {
  const DT = 0.1;
  const settings = (loss: 'l1' | 'mse'): PositionLossSettings => ({ method: 'discrete-euler-lagrange', dt: DT, loss, lossCap: undefined, definiteness: 0, definitenessSign: 'either', newtonSteps: 1, order: 4, window: 2, substeps: 1, onSingular: 'throw' });

  /**
   * The loss of `L = ½ a q̇² − ½ b q²` in float64, written out: the midpoint residual per step is
   * `R_h/h = −b (q + (a₁ − b₁)/4) − a (a₁ − b₁)/h²` (a₁, b₁ the steps after and before q), the same
   * at 2h with the outer steps; E₄ = (4 R_h/h − R_{2h}/(2h))/3 and the error is E₄/H_vv = E₄/a.
   */
  function referenceLoss(loss: 'l1' | 'mse', table: SampleTable, a: number, b: number): number {
    let total = 0;
    for (let r = 0; r < table.rows; r++) {
      const [q, before1, after1, before2, after2] = table.values.subarray(r * 5, r * 5 + 5) as unknown as [number, number, number, number, number];
      const perStep = (before: number, after: number, h: number) => -b * (q + (after - before) / 4) - (a * (after - before)) / (h * h);
      const error = (4 * perStep(before1, after1, DT) - perStep(before2, after2, 2 * DT)) / 3 / a;
      total += loss === 'l1' ? Math.abs(error) : error * error;
    }
    return total / table.rows;
  }

  it.each(['l1', 'mse'] as const)('(%s): value and gradient in (a, b) equal a float64 reference and its central differences', (loss) => {
    const data = oscillatorPositions(2, DT, 6, 9, 4);
    const table = fivePointTable(data, 1, 9);
    const [a0, b0] = [1.3, 3.1];
    const model = oscillatorModel(a0, b0);
    const before = tf.memory().numTensors;
    const { value, grads } = tf.tidy(() => {
      const batch = tf.tensor2d(Float32Array.from(table.values), [table.rows, table.width]);
      return tf.variableGrads(() => positionLoss(model, batch, settings(loss)), [model.a, model.b]);
    });
    const got = [value.dataSync()[0]!, grads[model.a.name]!.dataSync()[0]!, grads[model.b.name]!.dataSync()[0]!];
    tf.dispose([value, grads[model.a.name]!, grads[model.b.name]!]);
    expect(tf.memory().numTensors).toBe(before);
    const e = 1e-6;
    const expected = [
      referenceLoss(loss, table, a0, b0),
      (referenceLoss(loss, table, a0 + e, b0) - referenceLoss(loss, table, a0 - e, b0)) / (2 * e),
      (referenceLoss(loss, table, a0, b0 + e) - referenceLoss(loss, table, a0, b0 - e)) / (2 * e),
    ];
    // float32 steps (~0.2, rounded to ~1e-8) over Δt² and a 4/3, 1/3 combination: measured ≤ 3.1e-7
    // relative for the value and both derivatives. Tolerance 1e-5 relative (+1e-6): room for other
    // backends' summation order, far below a wrong term (≥ 1e-2).
    for (let i = 0; i < 3; i++) expect(Math.abs(got[i]! - expected[i]!)).toBeLessThan(1e-5 * Math.abs(expected[i]!) + 1e-6);
    model.dispose();
  });
});
