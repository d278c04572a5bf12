import { verlet } from '@lnn/ode';
import { describe, expect, it } from 'vitest';
import { secondOrderProblem } from './problems';
import { createRandom } from './random';
import { springNetwork } from './spring-network';
import type { MechanicalSystem } from './system';
import { triangulatedDisc } from './triangulated-disc';
import { verletRollout } from './verlet-rollout';
import { wave1d } from './wave-1d';
import { wave2d } from './wave-2d';

/** max over the records of |E − E₀| / E₀. */
const drift = (energies: Float64Array) => energies.reduce((m, e) => Math.max(m, Math.abs(e / energies[0]! - 1)), 0);

describe('verletRollout', () => {
  it("gives the same numbers, to the last bit, as @lnn/ode's verlet stepped by hand (a 5×4 grid, a spring network)", () => {
    const net = springNetwork(triangulatedDisc({ rings: 2, seed: 3 }), { pinned: [0, 7] });
    const wave = wave2d({ nx: 5, ny: 4, c: 1.3, spacing: 0.7 });
    for (const [system, y0] of [
      [wave, Float64Array.from({ length: 2 * wave.dof }, (_, i) => Math.sin(1.7 * i))],
      [net, (() => {
        const y = new Float64Array(2 * net.dof);
        net.perturbation(createRandom(1), y.subarray(0, net.dof), y.subarray(net.dof), { displacement: 0.2, velocity: 0.3 });
        return y;
      })()],
    ] as [MechanicalSystem, Float64Array][]) {
      const dt = 0.07;
      const r = verletRollout(system, y0, { dt, steps: 300, every: 50 });
      const ode = verlet(secondOrderProblem(system, { velocityDependent: false }), 1);
      let state = ode.init(0, y0);
      for (let step = 1; step <= 300; step++) {
        state = ode.step(state, dt).state;
        if (step % 50 === 0) expect(Array.from(r.states.subarray(2 * system.dof * (step / 50), 2 * system.dof * (step / 50 + 1)))).toEqual(Array.from(state.y));
      }
      expect(Array.from(r.times)).toEqual([0, 50, 100, 150, 200, 250, 300].map((s) => s * dt));
      expect(r.status).toBe('success');
      expect(r.reached).toBe(7);
    }
  });

  it('64×64 grids to t = 50 at Δt = 0.01 (5,000 steps): energy drift ≤ 1e-6, second order in Δt, in well under a second', () => {
    for (const boundary of ['periodic', 'clamped'] as const) {
      const wave = wave2d({ nx: 64, ny: 64, boundary }); // h = c = 1: smooth fields of modes ≤ 3 have ω ≤ 0.42
      const y0 = new Float64Array(2 * wave.dof);
      wave.smoothRandomField(createRandom(5), y0.subarray(0, wave.dof), y0.subarray(wave.dof), { modes: 3 });
      const cpu = process.cpuUsage();
      const fine = verletRollout(wave, y0, { dt: 0.01, steps: 5_000, every: 10 });
      const used = process.cpuUsage(cpu);
      const ms = (used.user + used.system) / 1000;
      console.log(`64×64 ${boundary}, t = 50 at Δt = 0.01: ${ms.toFixed(0)} ms CPU, energy drift ${drift(fine.energies).toExponential(2)}`);
      expect(fine.status).toBe('success');
      expect(drift(fine.energies)).toBeLessThan(1e-6);
      expect(ms).toBeLessThan(2_000); // measured 120–200 ms (one core, other jobs running); a 10× margin for a loaded machine
      const coarse = verletRollout(wave, y0, { dt: 0.02, steps: 2_500, every: 5 });
      expect(drift(coarse.energies) / drift(fine.energies)).toBeGreaterThan(3.5); // O(Δt²): 4 in theory
      expect(drift(coarse.energies) / drift(fine.energies)).toBeLessThan(4.5);
    }
  });

  it("refuses a step at or beyond a system's stability limit 2/ω_max; just below it the highest mode stays bounded", () => {
    const wave = wave2d({ nx: 6, ny: 4 });
    const y0 = new Float64Array(2 * wave.dof);
    expect(() => verletRollout(wave, y0, { dt: wave.maxStableStep, steps: 1 })).toThrow(/verletRollout: options.dt = .* is at or beyond the stability limit 2\/ω_max/);
    wave.mode(3, 2, y0.subarray(0, wave.dof), y0.subarray(wave.dof));
    expect(wave.modeFrequency(3, 2)).toBe(wave.maxFrequency);
    const r = verletRollout(wave, y0, { dt: 0.999 * wave.maxStableStep, steps: 2_000, every: 1 });
    const peak = r.states.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
    expect(peak).toBeLessThan(100); // bounded (|φ|, |φ̇| of the mode are ≤ 1 and ≤ ω_max·(1 − (ω dt/2)²)^(−1/2) ≈ 63)
  });

  it("reports a rollout that leaves the finite numbers as status 'non-finite', records before it kept", () => {
    const wave = wave1d({ n: 16, dx: 1 }); // declares no stability limit; Δt = 10 ≫ 2/ω_max = 1
    const y0 = Float64Array.from({ length: 32 }, (_, i) => (i < 16 ? Math.cos(i) : 0));
    const r = verletRollout(wave, y0, { dt: 10, steps: 1_000, every: 10 });
    expect(r.status).toBe('non-finite');
    expect(r.reached).toBeGreaterThan(1);
    expect(r.reached).toBeLessThan(101);
    expect(r.stoppedAtStep).toBeGreaterThan(10 * (r.reached - 1));
    expect(Number.isFinite(r.energies[r.reached - 1]!)).toBe(true);
    expect(Number.isNaN(r.energies[r.reached]!)).toBe(true);
  });

  it('records at given steps (repeats allowed) and rejects bad options by name', () => {
    const wave = wave2d({ nx: 3, ny: 3 });
    const y0 = Float64Array.from({ length: 18 }, (_, i) => Math.cos(i));
    const r = verletRollout(wave, y0, { dt: 0.1, steps: 10, atSteps: [0, 3, 3, 10] });
    expect(Array.from(r.times)).toEqual([0, 0.30000000000000004, 0.30000000000000004, 1]);
    expect(Array.from(r.states.subarray(18, 36))).toEqual(Array.from(r.states.subarray(36, 54)));
    expect(Array.from(r.states.subarray(0, 18))).toEqual(Array.from(y0));
    expect(() => verletRollout(wave, y0, { dt: 0.1, steps: 10, atSteps: [0, 4, 3] })).toThrow('verletRollout: options.atSteps must be ascending integers in [0, 10], received 3 at position 2.');
    expect(() => verletRollout(wave, y0, { dt: 0.1, steps: 10, atSteps: [11] })).toThrow('received 11 at position 0');
    expect(() => verletRollout(wave, y0.subarray(0, 9), { dt: 0.1, steps: 10 })).toThrow('verletRollout: y0 must hold 2·dof = 18 numbers (q then v), received 9.');
    expect(() => verletRollout(wave, y0, { dt: -1, steps: 10 })).toThrow('verletRollout: options.dt must be a finite number > 0, received -1.');
    expect(() => verletRollout(wave, y0, { dt: 0.1, steps: 2.5 })).toThrow('verletRollout: options.steps must be an integer ≥ 0, received 2.5.');
    expect(() => verletRollout(wave, y0, { dt: 0.1, steps: 10, every: 0 })).toThrow('verletRollout: options.every must be an integer ≥ 1, received 0.');
  });
});
