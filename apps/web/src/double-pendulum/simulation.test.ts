import { initBackend } from '@lnn/autodiff';
import { assertAllClose } from '@lnn/autodiff/testing';
import { doublePendulum } from '@lnn/systems';
import { beforeAll, describe, expect, it } from 'vitest';
import { hostModel } from '../../test/host-model';
import { DEFAULT_STATE, DRIFT_WINDOW, DoublePendulumSimulation, STEP } from './simulation';

const dp = doublePendulum();
/** The true equations in the learned models' place. */
const truthModel = hostModel(2, (q, v, out) => dp.acceleration(q, v, out));
/** q̈ = (1, 0) everywhere: from rest, θ₁ = θ₁(0) + t²/2, θ̇₁ = t exactly (RK4 is exact on it). */
const pushModel = hostModel(2, (_q, _v, out) => out.set([1, 0]));
const nanModel = hostModel(2, (q, _v, out) => out.set(q[0] as number > 2.05 ? [Number.NaN, 0] : [1, 0]));

describe('DoublePendulumSimulation', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
  });

  it('keeps the truth on its energy, and the true equations at RK4 1/60 s within 0.19 % of 29.4 J over 10 s', () => {
    const sim = new DoublePendulumSimulation({ lnn: truthModel, mlp: pushModel });
    while (sim.time < DRIFT_WINDOW - 1e-9) sim.advance(8);
    const { truth, lnn } = sim.pendulums;
    expect(truth.energy.windowDone).toBe(true);
    expect(truth.energy.driftInWindow).toBeLessThan(1e-8);
    // RK4's own error from this state: 1.867e-3 in float64 (measured with @lnn/ode's solve);
    // the float32 accelerations of a model's output add 4e-6. A tenth of the page's 2 % bound.
    expect(lnn.energy.driftInWindow).toBeLessThan(1.9e-3);
    expect(lnn.energy.driftInWindow).toBeGreaterThan(0);
  });

  it('records the true energy after every step, whatever the steps per frame', () => {
    const [t1, t2] = DEFAULT_STATE as [number, number];
    const exactDrift = (steps: number) => {
      let worst = 0;
      for (let i = 1; i <= steps; i++) {
        const t = i * STEP;
        worst = Math.max(worst, Math.abs(dp.energy([t1 + (t * t) / 2, t2], [t, 0]) - dp.energy([t1, t2], [0, 0])) / dp.potentialBound);
      }
      return worst;
    };
    for (const frames of [[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [8, 4], [12]]) {
      const sim = new DoublePendulumSimulation({ lnn: pushModel, mlp: pushModel });
      for (const steps of frames) sim.advance(steps);
      expect(sim.time).toBeCloseTo(12 * STEP, 12);
      // float32 accelerations of 1 are exact; the state is float64: 1e-9 of 29.4 J.
      assertAllClose([sim.pendulums.lnn.energy.drift], [exactDrift(12)], { rtol: 1e-9, atol: 0 });
      assertAllClose(sim.pendulums.lnn.state, [t1 + (12 * STEP) ** 2 / 2, t2, 12 * STEP, 0], { rtol: 1e-12, atol: 1e-12 });
    }
  });

  it('stops a model whose state leaves the finite numbers, and goes on with the others', () => {
    const sim = new DoublePendulumSimulation({ lnn: nanModel, mlp: truthModel });
    for (let i = 0; i < 40; i++) sim.advance(1);
    const { lnn, mlp, truth } = sim.pendulums;
    expect(lnn.stopped).toMatch(/^stopped at t = \d+\.\d\d s \(non-finite state\)$/);
    expect(lnn.energy.stopped).toBeDefined();
    expect(mlp.stopped).toBeUndefined();
    expect(truth.stopped).toBeUndefined();
    expect(Number.isFinite(lnn.energy.latest)).toBe(true);
  });

  it('resets all three to a state at t = 0, and refuses bad states and step counts', () => {
    const sim = new DoublePendulumSimulation({ lnn: pushModel, mlp: pushModel });
    sim.advance(3);
    sim.reset([0.5, -0.5, 0, 0]);
    expect(sim.time).toBe(0);
    for (const p of Object.values(sim.pendulums)) expect(Array.from(p.state)).toEqual([0.5, -0.5, 0, 0]);
    expect(() => sim.reset([0, 0, 0])).toThrow(/state must be 4 finite numbers \[θ₁, θ₂, θ̇₁, θ̇₂\], received \[0, 0, 0\]/);
    expect(() => sim.advance(0)).toThrow(/steps must be a positive integer, received 0/);
  });
});
