import { dopri5, solve } from '@lnn/ode';
import { describe, expect, it } from 'vitest';
import { dampedDoublePendulum } from './damped-double-pendulum';
import { sampleStates, trajectoryDataset } from './dataset';
import { decodeDataset, encodeDataset } from './dataset-io';
import { doublePendulum } from './double-pendulum';
import { DRIVEN_PENDULUM_REGIMES, drivenPendulum } from './driven-pendulum';
import { forcedProblem } from './forced-problem';
import { harmonicOscillator } from './harmonic-oscillator';
import { positionTrajectories } from './position-trajectories';
import type { Random } from './random';
import { compileSignal, randomSinusoids, sinusoid } from './signal';

const spring = harmonicOscillator({ m: 2, k: 3 }); // ω = √1.5
const springState = (rng: Random, q: Float64Array, v: Float64Array) => ((q[0] = rng.uniform(-1, 1)), (v[0] = rng.uniform(-1, 1)));
const dp = doublePendulum();

describe('positionTrajectories', () => {
  it('with noise 0 gives the exact trajectory: the harmonic oscillator against its closed form (1e-10)', () => {
    const { observed, truth, signals } = positionTrajectories(spring, { count: 5, dt: 0.1, steps: 300, seed: 4, sample: springState, t0: 2 });
    const positions = observed.arrays.positions!.data;
    expect(observed.kind).toBe('positions');
    expect(observed.arrays.positions!.shape).toEqual([5, 301, 1]);
    expect(observed.arrays.times!.data[0]).toBe(2);
    expect(observed.arrays.times!.data[300]).toBe(2 + 300 * 0.1);
    expect(Array.from(observed.arrays.noise!.data)).toEqual([0]);
    expect(Object.keys(observed.arrays).sort()).toEqual(['noise', 'positions', 'times']); // no velocities for the learner
    expect(positions).toEqual(truth.arrays.positions!.data);
    expect(signals).toEqual([[], [], [], [], []]);
    const w = Math.sqrt(1.5);
    const initial = truth.arrays.initial!.data;
    let worst = 0;
    for (let n = 0; n < 5; n++) {
      const [q0, v0] = [initial[2 * n]!, initial[2 * n + 1]!];
      for (let k = 0; k <= 300; k++) {
        const s = k * 0.1; // time since t0
        worst = Math.max(worst, Math.abs(positions[n * 301 + k]! - (q0 * Math.cos(w * s) + (v0 / w) * Math.sin(w * s))));
        worst = Math.max(worst, Math.abs(truth.arrays.velocities!.data[n * 301 + k]! - (-q0 * w * Math.sin(w * s) + v0 * Math.cos(w * s))));
      }
    }
    expect(worst).toBeLessThan(1e-10);
  });

  it('the double pendulum: same initial states as sampleStates, same motion as trajectoryDataset, energy kept to 1e-9 of 29.4', () => {
    const options = { count: 6, seed: 8, sample: dp.sampleTrainingState };
    const { truth } = positionTrajectories(dp, { ...options, dt: 0.05, steps: 100 });
    expect(truth.arrays.initial!.data).toEqual(sampleStates(dp, options.sample, 6, 8));
    const times = truth.arrays.times!.data;
    const reference = trajectoryDataset(dp, { ...options, times, method: dopri5({ rtol: 1e-12, atol: 1e-12 }) }).arrays.states!.data; // [T, N, 4]
    for (let n = 0; n < 6; n++) {
      for (let k = 0; k < times.length; k++) {
        for (let i = 0; i < 2; i++) {
          expect(truth.arrays.positions!.data[(n * times.length + k) * 2 + i]).toBe(reference[(k * 6 + n) * 4 + i]);
          expect(truth.arrays.velocities!.data[(n * times.length + k) * 2 + i]).toBe(reference[(k * 6 + n) * 4 + 2 + i]);
        }
        const at = (n * times.length + k) * 2;
        const e = dp.energy(truth.arrays.positions!.data.subarray(at, at + 2), truth.arrays.velocities!.data.subarray(at, at + 2));
        const e0 = dp.energy(truth.arrays.initial!.data.subarray(4 * n, 4 * n + 2), truth.arrays.initial!.data.subarray(4 * n + 2, 4 * n + 4));
        expect(Math.abs(e - e0) / dp.potentialBound).toBeLessThan(1e-9);
      }
    }
  });

  it('adds Gaussian noise of the given standard deviation (measured within 5 % on 8,080 numbers), mean 0; another noise level, the same exact trajectories underneath', () => {
    const truths: Float64Array[] = [];
    for (const noise of [1e-3, 0.1]) {
      const { observed, truth } = positionTrajectories(dp, { count: 40, dt: 0.1, steps: 100, noise, seed: 3, sample: dp.sampleEnergyTestState });
      truths.push(truth.arrays.positions!.data);
      const [o, x] = [observed.arrays.positions!.data, truth.arrays.positions!.data];
      const errors = Array.from(o, (value, i) => value - x[i]!);
      const mean = errors.reduce((s, e) => s + e, 0) / errors.length;
      const std = Math.sqrt(errors.reduce((s, e) => s + (e - mean) ** 2, 0) / (errors.length - 1));
      expect(errors.length).toBe(8080);
      expect(Math.abs(std / noise - 1)).toBeLessThan(0.05);
      expect(Math.abs(mean)).toBeLessThan((4 * noise) / Math.sqrt(errors.length));
      expect(Array.from(observed.arrays.noise!.data)).toEqual([noise]);
    }
    expect(truths[1]).toEqual(truths[0]); // same seed, other noise: the same exact trajectories underneath
  });

  it('is reproducible from its seed (noise included), and another seed gives other data; the files round-trip', () => {
    const run = (seed: number) => positionTrajectories(dp, { count: 3, dt: 0.05, steps: 20, noise: 1e-3, seed, sample: dp.sampleEnergyTestState });
    const [a, b, c] = [run(11), run(11), run(12)];
    expect(b.observed).toEqual(a.observed);
    expect(b.truth).toEqual(a.truth);
    expect(c.observed.arrays.positions!.data).not.toEqual(a.observed.arrays.positions!.data);
    expect(decodeDataset(encodeDataset(a.observed))).toEqual({ ...a.observed, parameters: { ...a.observed.parameters } });
  });

  it('drives non-conservative systems: per-trajectory forcing recorded as signals and as u at the sample times; the motion is that of forcedProblem', () => {
    const { parameters, forcing } = DRIVEN_PENDULUM_REGIMES.chaotic;
    const pendulum = drivenPendulum(parameters);
    const input = (n: number) => (n === 0 ? forcing : randomSinusoids({ seed: n, terms: 2, amplitude: 1, frequency: [0.2, 1.5] }));
    const { observed, truth, signals } = positionTrajectories(pendulum, { count: 3, dt: 0.1, steps: 200, seed: 2, sample: pendulum.sampleState, input });
    expect(observed.arrays.inputs!.shape).toEqual([3, 201, 1]);
    expect(signals).toEqual([[forcing], [input(1)], [input(2)]]);
    const times = observed.arrays.times!.data;
    for (let n = 0; n < 3; n++) {
      const s = compileSignal(input(n));
      for (let k = 0; k < times.length; k++) expect(observed.arrays.inputs!.data[n * times.length + k]).toBe(s(times[k]!));
      const y0 = truth.arrays.initial!.data.subarray(2 * n, 2 * n + 2);
      const alone = solve(forcedProblem(pendulum, { input: input(n) }), y0, times, dopri5({ rtol: 1e-12, atol: 1e-12 }));
      for (let k = 0; k < times.length; k++) expect(truth.arrays.positions!.data[n * times.length + k]).toBe(alone.states[2 * k]);
    }
    // Different forcing, different motion (same sampler stream, so trajectory 1 differs only by its input).
    const unforced = positionTrajectories(pendulum, { count: 3, dt: 0.1, steps: 200, seed: 2, sample: pendulum.sampleState });
    expect(unforced.truth.arrays.initial!.data).toEqual(truth.arrays.initial!.data);
    expect(unforced.observed.arrays.inputs!.data.every((u) => u === 0)).toBe(true);
    expect(Math.abs(unforced.truth.arrays.positions!.data[200]! - truth.arrays.positions!.data[200]!)).toBeGreaterThan(1e-2);
  });

  it('the damped double pendulum loses energy monotonically along its observed trajectories', () => {
    const ddp = dampedDoublePendulum({ b1: 0.3, b2: 0.3 });
    const { truth } = positionTrajectories(ddp, { count: 4, dt: 0.05, steps: 200, seed: 1, sample: ddp.sampleTrainingState });
    const [x, v] = [truth.arrays.positions!.data, truth.arrays.velocities!.data];
    for (let n = 0; n < 4; n++) {
      const energies = Array.from({ length: 201 }, (_, k) => ddp.energy(x.subarray((n * 201 + k) * 2, (n * 201 + k) * 2 + 2), v.subarray((n * 201 + k) * 2, (n * 201 + k) * 2 + 2)));
      for (let k = 1; k < 201; k++) expect(energies[k]!).toBeLessThan(energies[k - 1]! + 1e-9);
      expect(energies[200]!).toBeLessThan(energies[0]! - 1);
    }
  });

  it('names bad arguments and a trajectory the integrator could not finish', () => {
    const base = { count: 2, dt: 0.1, steps: 10, seed: 0, sample: springState };
    const where = 'positionTrajectories';
    expect(() => positionTrajectories(spring, { ...base, count: 0 })).toThrow(`${where}: options.count must be an integer ≥ 1, received 0.`);
    expect(() => positionTrajectories(spring, { ...base, dt: 0 })).toThrow(`${where}: options.dt must be a finite number > 0, received 0.`);
    expect(() => positionTrajectories(spring, { ...base, dt: Number.NaN })).toThrow(`${where}: options.dt must be a finite number > 0, received NaN.`);
    expect(() => positionTrajectories(spring, { ...base, steps: 2.5 })).toThrow(`${where}: options.steps must be an integer ≥ 1, received 2.5.`);
    expect(() => positionTrajectories(spring, { ...base, noise: -1e-3 })).toThrow(`${where}: options.noise must be a finite number ≥ 0, received -0.001.`);
    expect(() => positionTrajectories(spring, { ...base, seed: Number.NaN })).toThrow(`${where}: options.seed must be a finite number (a seed), received NaN.`);
    expect(() => positionTrajectories(spring, { ...base, sample: undefined as never })).toThrow(`${where}: options.sample must be a state sampler (rng, q, v) => void, received undefined.`);
    expect(() => positionTrajectories(spring, { ...base, t0: Number.POSITIVE_INFINITY })).toThrow(`${where}: options.t0 must be a finite number, received Infinity.`);
    expect(() => positionTrajectories(spring, { ...base, count: 1e6, steps: 100 })).toThrow(`${where}: options.count × (options.steps + 1) must be at most 50,000,000 (memory), received 101000000.`);
    expect(() => positionTrajectories(spring, { ...base, input: sinusoid({ amplitude: 1, frequency: 1 }) })).toThrow(`${where}: options.input is for non-conservative systems; 'harmonic-oscillator' takes no control input.`);
    expect(() => positionTrajectories(dampedDoublePendulum(), { ...base, sample: dp.sampleTrainingState, input: sinusoid({ amplitude: 1, frequency: 1 }) })).toThrow(
      'forcedProblem: input must give one signal per control (0), received 1.',
    );
    expect(() => positionTrajectories(spring, { ...base, method: dopri5({ rtol: 1e-12, atol: 1e-12, maxSteps: 5 }) })).toThrow(/positionTrajectories: trajectory 0 \(initial state \[.*\]\) was not integrated to the end: .*step.limit.* Pass options\.method with looser rtol\/atol or a larger maxSteps/);
    expect(() => positionTrajectories(undefined as never, base)).toThrow(`${where}: system must be a MechanicalSystem, received undefined.`);
  });
});
