import * as tf from '@tensorflow/tfjs-core';
import { initBackend, lu } from '@lnn/autodiff';
import { dopri5, rk4, solve } from '@lnn/ode';
import { compileControlInput, forcedProblem, randomSinusoids, sinusoid } from '@lnn/systems';
import { beforeAll, describe, expect, it } from 'vitest';
import { DissipativeLagrangian } from './dissipative-lagrangian';
import { energyBalance } from './energy-balance';
import { rollout } from './rollout';
import { trueDampedDoublePendulum, trueDrivenPendulum } from './true-systems.test-support';

beforeAll(async () => {
  await initBackend();
});

/** The same input signal for each of `batch` trajectories, as rollout's `control`. */
function everyTrajectory(signal: Parameters<typeof compileControlInput>[0], controls: number, batch: number) {
  const one = compileControlInput(signal, controls);
  const u = new Float64Array(controls);
  return (t: number, out: Float64Array) => {
    one(t, u);
    for (let b = 0; b < batch; b++) out.set(u, b * controls);
  };
}

const times = (count: number, dt: number) => Array.from({ length: count }, (_, k) => k * dt);

describe('energyBalance: E(T) − E(0) = ∫ power dt along rollouts (Simpson)', () => {
  it('the true double pendulum\'s L with a random learned D (MLP) and B under a forcing: residual ≤ 1e-3 of the energy change; judged without D it fails', () => {
    // L is the true one: a random network's H_vv is indefinite somewhere and its rollouts blow up.
    const { lagrangian } = trueDampedDoublePendulum();
    const model = new DissipativeLagrangian({ dof: 2, controls: 1, lagrangian: 'known', dissipation: { hidden: [8], angles: [0, 1], initialScale: 0.5, seed: 4 }, force: { initial: [0.8, -0.3] }, solver: lu() }, { lagrangian });
    const control = everyTrajectory(sinusoid({ amplitude: 1, frequency: 3 }), 1, 2);
    const out = times(51, 0.02); // to t = 1
    const r = rollout(model, [0.3, -0.2, 0.5, 0, -0.4, 0.6, 0, 0.2], out, rk4({ dt: 0.02 }), { control });
    expect(r.status).toEqual(['success', 'success']);
    const balance = energyBalance(model, r, { control });
    // The residual is RK4's error at dt = 0.02 (~dt⁴), Simpson's at h = 0.02 and the float32
    // evaluation of E (~1e-7 relative to |E| ≈ 20).
    for (let b = 0; b < 2; b++) {
      expect(balance.change[b]).toBeGreaterThan(1e-2);
      expect(balance.residual[b]).toBeLessThan(1e-3 * (balance.change[b] as number));
    }
    // The same rollout judged by a model that ignores D: its power misses the dissipation.
    const noDissipation = new DissipativeLagrangian({ dof: 2, controls: 1, lagrangian: 'known', force: 'known' }, { lagrangian, force: model.force! });
    const wrong = energyBalance(noDissipation, r, { control });
    expect(Math.max(...wrong.residual)).toBeGreaterThan(0.05 * Math.max(...balance.change));
    model.dispose();
  });

  it('the true driven pendulum (known L, D, Q = u) under the chaotic forcing to t = 4: the model\'s rollout agrees with @lnn/systems\' and the balance holds', () => {
    const { system, lagrangian, dissipation } = trueDrivenPendulum();
    const model = new DissipativeLagrangian({ dof: 1, controls: 1, lagrangian: 'known', dissipation: 'known', force: { matrix: [1] }, solver: lu() }, { lagrangian, dissipation });
    const forcing = sinusoid({ amplitude: 1.5, frequency: 2 / 3 });
    const out = times(41, 0.1);
    const control = everyTrajectory(forcing, 1, 1);
    const r = rollout(model, [0.2, 0], out, rk4({ dt: 0.02 }), { control });
    const truth = solve(forcedProblem(system, { input: forcing }), [0.2, 0], out, dopri5({ rtol: 1e-10, atol: 1e-10 }));
    // float32 accelerations and RK4 at 0.02 (error ~1e-6) against dopri5 at 1e-10.
    let worst = 0;
    for (let i = 0; i < r.states.length; i++) worst = Math.max(worst, Math.abs((r.states[i] as number) - (truth.states[i] as number)));
    expect(worst).toBeLessThan(1e-3);
    const balance = energyBalance(model, r, { control });
    expect(balance.change[0]).toBeGreaterThan(0.5);
    // RK4 at 0.01 and Simpson at 0.1 (h⁴ ~ 1e-4 times |P''''| ~ 1): ≤ 1e-3 of the change.
    expect(balance.residual[0]).toBeLessThan(1e-3 * (balance.change[0] as number));
    model.dispose();
  });

  it('the true damped double pendulum (no inputs): E decays, E(T) − E(0) = −∫ 2D dt', () => {
    const { lagrangian, dissipation } = trueDampedDoublePendulum();
    const model = new DissipativeLagrangian({ dof: 2, lagrangian: 'known', dissipation: 'known', solver: lu() }, { lagrangian, dissipation });
    // RK4 at dt = 0.0125 and Simpson at h = 0.025: at h = 0.05 / dt = 0.025 the residual was
    // 2.5e-3 of the change (this motion reaches |θ̇| ≈ 5, the power varies fast); here 3.1e-4 measured.
    const r = rollout(model, [1, -0.5, 0, 1], times(41, 0.025), rk4({ dt: 0.0125 }));
    const balance = energyBalance(model, r);
    expect(balance.power.every((p) => p <= 0)).toBe(true);
    expect((balance.energy[40] as number) < (balance.energy[0] as number)).toBe(true);
    expect(balance.residual[0]).toBeLessThan(1e-3 * (balance.change[0] as number));
    model.dispose();
  });

  it('a trajectory that stopped: the others keep every value; its own are NaN from where it stopped and its residual is over the times it reached', () => {
    const { lagrangian, dissipation } = trueDampedDoublePendulum();
    const model = new DissipativeLagrangian({ dof: 2, lagrangian: 'known', dissipation: 'known', solver: lu() }, { lagrangian, dissipation });
    const r = rollout(model, [1, -0.5, 0.3, 0.2, 0, 1, 0.5, -0.5], times(41, 0.025), rk4({ dt: 0.0125 }));
    const full = energyBalance(model, r);
    // Trajectory 1 "stopped" after output 24 (as rollout leaves a stopped trajectory: NaN states).
    const states = Float64Array.from(r.states);
    for (let t = 25; t < 41; t++) states.fill(Number.NaN, (t * 2 + 1) * 4, (t * 2 + 2) * 4);
    const cut = energyBalance(model, { ...r, states });
    // Same rows, evaluated in a batch of another composition: float32 results agree to rounding.
    const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(b)));
    for (let t = 0; t < 41; t++) {
      close(cut.energy[t * 2] as number, full.energy[t * 2] as number);
      if (t <= 24) close(cut.energy[t * 2 + 1] as number, full.energy[t * 2 + 1] as number);
      else expect(cut.energy[t * 2 + 1]).toBeNaN();
    }
    close(cut.residual[0] as number, full.residual[0] as number);
    let reached = 0;
    for (let t = 1; t <= 24; t++) reached = Math.max(reached, Math.abs((full.energy[t * 2 + 1] as number) - (full.energy[1] as number) - (full.work[t * 2 + 1] as number)));
    expect(Number.isFinite(cut.residual[1])).toBe(true);
    close(cut.residual[1] as number, reached);
    expect(cut.residual[1]).toBeLessThan(1e-3 * (cut.change[1] as number));
    model.dispose();
  });

  it('bad input: uneven times, a missing control, wrong state width', () => {
    const model = new DissipativeLagrangian({ dof: 1, controls: 1, lagrangian: { hidden: [4] }, force: {} });
    const control = everyTrajectory(randomSinusoids({ seed: 1, terms: 2, amplitude: 1, frequency: [0.5, 1] }), 1, 1);
    const r = rollout(model, [0.1, 0], [0, 0.1, 0.3], rk4({ dt: 0.05 }), { control });
    expect(() => energyBalance(model, r, { control })).toThrow(/energyBalance: the output times must be evenly spaced/);
    const even = rollout(model, [0.1, 0], [0, 0.1, 0.2], rk4({ dt: 0.05 }), { control });
    expect(() => energyBalance(model, even)).toThrow(/energyBalance: give the rollout's inputs — options.control/);
    expect(() => rollout(model, [0.1, 0], [0, 0.1], rk4({ dt: 0.05 }), { control, extra: [1] })).toThrow(/options.extra .* and options.control .* were both given/);
    expect(() => rollout(model, [0.1, 0], [0, 0.1], rk4({ dt: 0.05 }), { control: (_t, u) => u.fill(Number.NaN) })).toThrow(/options.control wrote a non-finite input \(NaN\) at t = 0/);
    const wide = new DissipativeLagrangian({ dof: 2, lagrangian: { hidden: [4] } });
    expect(() => energyBalance(wide, even)).toThrow(/the rollout's states have 2 components, a model of 2 coordinates needs 4/);
    expect(() => rollout(wide, [0.1, 0, 0, 0], [0, 0.1], rk4({ dt: 0.05 }), { control })).toThrow(/options.control gives inputs over time, but a 'dissipative-lagrangian' of extraDim 0 takes none/);
    model.dispose();
    wide.dispose();
    expect(tf.memory().numTensors).toBeGreaterThanOrEqual(0);
  });
});
