import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@lnn/autodiff';
import { doublePendulum, positionTrajectories } from '@lnn/systems';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluatePositions, trueDoublePendulum } from './index';

beforeAll(async () => {
  await initBackend();
});

describe('trueDoublePendulum', () => {
  it("gives @lnn/systems' closed-form accelerations, with default and with other parameters", () => {
    for (const parameters of [{}, { m1: 2, m2: 0.5, l1: 1.5, l2: 0.7, g: 3 }]) {
      const [model, system] = [trueDoublePendulum(parameters), doublePendulum(parameters)];
      const states = [
        [0.3, -0.2, 1, 0.5],
        [2.5, 1, -3, 4],
        [-1, 3, 0.1, -7],
      ];
      const q = tf.tensor2d(states.map((s) => s.slice(0, 2)));
      const v = tf.tensor2d(states.map((s) => s.slice(2)));
      const got = model.accelerations(q, v).arraySync() as number[][];
      const out = new Float64Array(2);
      states.forEach((s, b) => {
        system.acceleration(s.slice(0, 2), s.slice(2), out);
        // float32 forward-mode jets and a 2×2 solve on accelerations up to ~50: 1e-3 absolute is ~100 ulps of the largest terms.
        expect(got[b]![0]).toBeCloseTo(out[0]!, 3);
        expect(got[b]![1]).toBeCloseTo(out[1]!, 3);
      });
      tf.dispose([q, v]);
      expect(model.variables).toHaveLength(0);
    }
  });

  it('its fourth-order position loss on exact double-pendulum positions is small beside the accelerations', () => {
    const system = doublePendulum();
    const { observed } = positionTrajectories(system, { count: 32, dt: 0.02, steps: 6, seed: 1, sample: system.sampleEnergyTestState });
    const loss = evaluatePositions(trueDoublePendulum(), { positions: observed.arrays.positions!.data, trajectories: 32, dt: 0.02 }, { method: 'discrete-euler-lagrange', order: 4 });
    // Slow starts, Δt = 0.02: O(Δt⁴) ≈ 1e-7 times derivatives of order 10⁴ plus float32 rounding of the second differences (~1e-7 / Δt² ≈ 3e-4) — far below accelerations of order 10.
    expect(loss).toBeLessThan(1e-2);
    // A wrong g is seen: the loss then carries ≈ |Δg|·sin θ.
    const wrong = evaluatePositions(trueDoublePendulum({ g: 8.8 }), { positions: observed.arrays.positions!.data, trajectories: 32, dt: 0.02 }, { method: 'discrete-euler-lagrange', order: 4 });
    expect(wrong).toBeGreaterThan(100 * loss);
  });

  it('rejects bad parameters, naming them', () => {
    expect(() => trueDoublePendulum({ m1: -1 })).toThrow('trueDoublePendulum: m1 must be a finite number > 0, received -1.');
    expect(() => trueDoublePendulum({ g: Number.NaN })).toThrow('trueDoublePendulum: g must be a finite number > 0 (or 0), received NaN.');
    expect(() => trueDoublePendulum({ g: 0 })).not.toThrow();
  });
});
