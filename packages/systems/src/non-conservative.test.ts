import { luFactor, luSolveVector, singularTolerance } from '@lnn/linalg';
import { dopri5, solve } from '@lnn/ode';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dampedDoublePendulum } from './damped-double-pendulum';
import { doublePendulum } from './double-pendulum';
import { DRIVEN_PENDULUM_REGIMES, drivenPendulum } from './driven-pendulum';
import { forcedProblem } from './forced-problem';
import { isNonConservative, type NonConservativeSystem } from './non-conservative-system';
import { createRandom, type Random } from './random';
import { randomSinusoids, sinusoid, type ControlInput } from './signal';
import { compileControlInput } from './control-input';
import { simplePendulum } from './simple-pendulum';

type Sampler = (rng: Random, q: Float64Array, v: Float64Array, u: Float64Array) => void;
const angles: Sampler = (r, q, v, u) => {
  q.forEach((_, i) => ((q[i] = r.uniform(-7, 7)), (v[i] = r.uniform(-10, 10))));
  u.forEach((_, i) => (u[i] = r.uniform(-3, 3)));
};

const cases: [string, NonConservativeSystem, Sampler][] = [
  ['damped double pendulum', dampedDoublePendulum({ m1: 1.3, m2: 0.7, l1: 0.9, l2: 1.2, g: 9.8, b1: 0.3, b2: 0.8 }), angles],
  ['damped double pendulum (strong elbow friction)', dampedDoublePendulum({ m1: 0.4, m2: 2.1, l1: 1.5, l2: 0.6, g: 3, b1: 0.01, b2: 5 }), angles],
  ['driven pendulum', drivenPendulum({ m: 1.7, l: 0.8, g: 9.8, b: 0.35 }), angles],
  ['driven pendulum (natural units)', drivenPendulum(DRIVEN_PENDULUM_REGIMES.chaotic.parameters), angles],
];

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

/** The Lagrange–d'Alembert equation solved generically from L's Hessian blocks, ∂D/∂v and Q (dense LU). */
function genericAcceleration(system: NonConservativeSystem, t: number, q: Float64Array, v: Float64Array, u: Float64Array): Float64Array {
  const d = system.dof;
  const [dq, dv, hqq, hqv, hvv, dd, force, work] = [d, d, d * d, d * d, d * d, d, d, d].map((n) => new Float64Array(n)) as Float64Array[];
  system.lagrangianGradient(q, v, dq!, dv!);
  system.lagrangianHessian(q, v, hqq!, hqv!, hvv!);
  system.dissipationGradient(q, v, dd!);
  system.force(t, q, v, u, force!);
  const rhs = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = dq![i]! - dd![i]! + force![i]!;
    for (let j = 0; j < d; j++) s -= hqv![j * d + i]! * v[j]!; // (H_vq q̇)ᵢ = Σⱼ ∂²L/∂vᵢ∂qⱼ q̇ⱼ
    rhs[i] = s;
  }
  const perm = new Int32Array(d);
  expect(luFactor(hvv!, d, perm, singularTolerance(d, Math.max(...Array.from(hvv!, Math.abs))))).toBeLessThan(0);
  luSolveVector(hvv!, d, perm, rhs, work!);
  return rhs;
}

describe.each(cases)('%s', (_name, system, sample) => {
  const d = system.dof;
  const c = system.controls;
  const rng = createRandom(17);
  const states = Array.from({ length: 40 }, () => {
    const [q, v, u] = [new Float64Array(d), new Float64Array(d), new Float64Array(c)];
    sample(rng, q, v, u);
    return [rng.uniform(-50, 50), q, v, u] as const;
  });

  it('is recognised as non-conservative', () => {
    expect(isNonConservative(system)).toBe(true);
    expect(isNonConservative(doublePendulum())).toBe(false);
  });

  it('closed-form accelerations equal a generic solve of H_vv q̈ = ∇_q L − H_vq q̇ − ∇_q̇ D + Q to 1e-12 relative', () => {
    const a = new Float64Array(d);
    for (const [t, q, v, u] of states) {
      system.forcedAcceleration(t, q, v, u, a);
      const b = genericAcceleration(system, t, q, v, u);
      const scale = Math.max(1, ...Array.from(b, Math.abs));
      for (let i = 0; i < d; i++) expect(Math.abs(a[i]! - b[i]!) / scale).toBeLessThan(1e-12);
    }
  });

  it('acceleration(q, v) is the free motion: forcedAcceleration at t = 0, u = 0', () => {
    const [a, b] = [new Float64Array(d), new Float64Array(d)];
    for (const [, q, v] of states) {
      system.acceleration(q, v, a);
      system.forcedAcceleration(0, q, v, new Float64Array(c), b);
      expect(Array.from(a)).toEqual(Array.from(b));
    }
  });

  it('∂D/∂v matches float64 central differences of D', () => {
    const g = new Float64Array(d);
    const h = 1e-6;
    for (const [, q, v] of states) {
      system.dissipationGradient(q, v, g);
      for (let i = 0; i < d; i++) {
        const bump = (s: number) => v.map((x, j) => (j === i ? x + s : x));
        const fd = (system.dissipation(q, bump(h)) - system.dissipation(q, bump(-h))) / (2 * h);
        expect(rel(g[i]!, fd)).toBeLessThan(1e-8);
      }
    }
  });

  it('D ≥ 0 on random inputs, D(q, 0) = 0 and ∂D/∂v(q, 0) = 0', () => {
    const vector = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: d, maxLength: d }).map((x) => Float64Array.from(x));
    const g = new Float64Array(d);
    fc.assert(
      fc.property(vector, vector, (q, v) => {
        expect(system.dissipation(q, v)).toBeGreaterThanOrEqual(0);
        expect(system.dissipation(q, new Float64Array(d))).toBe(0);
        system.dissipationGradient(q, new Float64Array(d), g);
        for (const x of g) expect(x).toBe(0);
      }),
      { numRuns: 500, seed: 3 },
    );
  });

  it('power is −q̇·∇_q̇D + q̇·Q', () => {
    const [dd, force] = [new Float64Array(d), new Float64Array(d)];
    for (const [t, q, v, u] of states) {
      system.dissipationGradient(q, v, dd);
      system.force(t, q, v, u, force);
      const expected = v.reduce((s, x, i) => s - x * dd[i]! + x * force[i]!, 0);
      expect(rel(system.power(t, q, v, u), expected)).toBeLessThan(1e-13);
    }
  });
});

/** E(t) − E(0) and ∫₀ᵗ power by composite Simpson on a uniform grid, along an accurate dopri5 trajectory. */
function energyBalance(system: NonConservativeSystem, input: ControlInput | undefined, y0: number[], tEnd: number, intervals: number) {
  const d = system.dof;
  const times = Float64Array.from({ length: intervals + 1 }, (_, k) => (k * tEnd) / intervals);
  const result = solve(forcedProblem(system, { input }), y0, times, dopri5({ rtol: 1e-13, atol: 1e-13 }));
  expect(result.ok).toBe(true);
  const u = new Float64Array(system.controls);
  const value = compileControlInput(input, system.controls);
  const energy: number[] = [];
  const power: number[] = [];
  times.forEach((t, k) => {
    const [q, v] = [result.states.subarray(2 * d * k, 2 * d * k + d), result.states.subarray(2 * d * k + d, 2 * d * (k + 1))];
    value(t, u);
    energy.push(system.energy(q, v));
    power.push(system.power(t, q, v, u));
  });
  const h = tEnd / intervals;
  let worst = 0;
  let work = 0;
  for (let k = 2; k <= intervals; k += 2) {
    work += (h / 3) * (power[k - 2]! + 4 * power[k - 1]! + power[k]!);
    worst = Math.max(worst, Math.abs(energy[k]! - energy[0]! - work));
  }
  return { worst, change: energy[intervals]! - energy[0]!, scale: Math.max(...energy.map(Math.abs)) };
}

describe('energy balance along accurate trajectories: E(t) − E(0) = ∫ power dt', () => {
  it('holds to 1e-8 for the damped double pendulum, and the energy falls', () => {
    const dp = dampedDoublePendulum({ b1: 0.2, b2: 0.3 });
    const { worst, change, scale } = energyBalance(dp, undefined, [2.1, -1.3, 1.5, -2], 10, 20_000);
    expect(worst).toBeLessThan(1e-8);
    expect(change).toBeLessThan(-0.05 * scale); // a clear loss: a power of 0 would miss it by far more than 1e-8
  });

  it('holds to 1e-8 for the driven pendulum under the chaotic drive and under a random multi-tone drive', () => {
    const { parameters, forcing } = DRIVEN_PENDULUM_REGIMES.chaotic;
    for (const input of [forcing, randomSinusoids({ seed: 4, terms: 3, amplitude: 1, frequency: [0.3, 2] })]) {
      const { worst, change } = energyBalance(drivenPendulum(parameters), input, [0.4, -0.3], 30, 30_000);
      expect(worst).toBeLessThan(1e-8);
      expect(Math.abs(change)).toBeGreaterThan(1e-2); // the balance is tested on a real exchange
    }
  });
});

describe('limits and parameters', () => {
  it('without friction the damped double pendulum is the double pendulum, and with b = 0, u = 0 the driven pendulum is the simple pendulum', () => {
    const params = { m1: 1.3, m2: 0.7, l1: 0.9, l2: 1.2, g: 9.8 };
    const [free, plain] = [dampedDoublePendulum({ ...params, b1: 0, b2: 0 }), doublePendulum(params)];
    const [p, s] = [drivenPendulum({ m: 2, l: 0.5, g: 9.8, b: 0 }), simplePendulum({ m: 2, l: 0.5, g: 9.8 })];
    const rng = createRandom(2);
    const [q, v, a, b] = [2, 2, 2, 2].map((n) => new Float64Array(n)) as Float64Array[];
    for (let i = 0; i < 50; i++) {
      plain.sampleTrainingState(rng, q!, v!);
      free.acceleration(q!, v!, a!);
      plain.acceleration(q!, v!, b!);
      for (let j = 0; j < 2; j++) expect(Math.abs(a![j]! - b![j]!)).toBeLessThan(1e-12 * Math.max(1, Math.abs(b![j]!)));
      p.acceleration(q!, v!, a!);
      s.acceleration(q!, v!, b!);
      expect(rel(a![0]!, b![0]!)).toBeLessThan(1e-14);
    }
  });

  it('records its parameters and names bad ones', () => {
    expect(dampedDoublePendulum().parameters).toEqual({ m1: 1, m2: 1, l1: 1, l2: 1, g: 9.8, b1: 0.1, b2: 0.1 });
    expect(drivenPendulum().parameters).toEqual({ m: 1, l: 1, g: 1, b: 0.5 });
    expect(dampedDoublePendulum().controls).toBe(0);
    expect(drivenPendulum().controls).toBe(1);
    expect(() => dampedDoublePendulum({ b1: -0.1 })).toThrow('dampedDoublePendulum: b1 must be a finite number ≥ 0, received -0.1.');
    expect(() => dampedDoublePendulum({ b2: Number.NaN })).toThrow('dampedDoublePendulum: b2 must be a finite number ≥ 0, received NaN.');
    expect(() => dampedDoublePendulum({ m2: 0 })).toThrow(/doublePendulum: m2 must be a finite number > 0, received 0/);
    expect(() => drivenPendulum({ b: -1 })).toThrow('drivenPendulum: b must be a finite number ≥ 0, received -1.');
    expect(() => drivenPendulum({ l: Number.POSITIVE_INFINITY })).toThrow('drivenPendulum: l must be a finite number > 0, received Infinity.');
  });

  it('forcedProblem wants a non-conservative system and one signal per control', () => {
    expect(() => forcedProblem(doublePendulum() as unknown as NonConservativeSystem)).toThrow(/forcedProblem: system must be a NonConservativeSystem .* received double-pendulum; use secondOrderProblem/);
    const drive = sinusoid({ amplitude: 1, frequency: 1 });
    expect(() => forcedProblem(dampedDoublePendulum(), { input: drive })).toThrow('forcedProblem: input must give one signal per control (0), received 1. This system takes no control input: leave input out.');
    expect(() => forcedProblem(drivenPendulum(), { input: [drive, drive] })).toThrow('forcedProblem: input must give one signal per control (1), received 2.');
    expect(() => forcedProblem(drivenPendulum(), { input: { kind: 'sinusoid', amplitude: 1, frequency: Number.NaN, phase: 0 } })).toThrow(
      'forcedProblem: input.frequency must be a finite number, received NaN.',
    );
  });
});
