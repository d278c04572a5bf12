import { dopri5, lagrangianAcceleration, solve, variational } from '@lnn/ode';
import { describe, expect, it } from 'vitest';
import { doublePendulum } from './double-pendulum';
import { harmonicOscillator } from './harmonic-oscillator';
import { pendulumChain } from './pendulum-chain';
import { energies, lagrangianProblem, secondOrderProblem } from './problems';
import { createRandom } from './random';
import {
  relativisticAcceleration,
  relativisticEnergy,
  relativisticMomentum,
  relativisticParticle,
  relativisticVelocity,
} from './relativistic-particle';
import { simplePendulum } from './simple-pendulum';
import type { MechanicalSystem } from './system';
import { wave1d } from './wave-1d';

const systems: [string, MechanicalSystem, (rng: ReturnType<typeof createRandom>, q: Float64Array, v: Float64Array) => void][] = [
  ['double pendulum', doublePendulum({ m1: 1.3, m2: 0.7, l1: 0.9, l2: 1.2, g: 9.8 }), (r, q, v) => q.forEach((_, i) => ((q[i] = r.uniform(0, 6.3)), (v[i] = r.uniform(-10, 10))))],
  ['relativistic particle', relativisticParticle({ g: -3.5 }), (r, q, v) => ((q[0] = r.uniform(-10, 10)), (v[0] = 0.99 * Math.tanh(2 * r.normal())))],
  ['simple pendulum', simplePendulum({ m: 2, l: 0.5 }), (r, q, v) => ((q[0] = r.uniform(-3, 3)), (v[0] = r.uniform(-5, 5)))],
  ['harmonic oscillator', harmonicOscillator({ m: 2, k: 3 }), (r, q, v) => ((q[0] = r.normal()), (v[0] = r.normal()))],
  ['pendulum chain (5 links)', pendulumChain({ n: 5, masses: [1, 2, 0.5, 1, 1.5], lengths: [1, 0.5, 1.2, 0.8, 1] }), (r, q, v) => q.forEach((_, i) => ((q[i] = r.uniform(-3, 3)), (v[i] = r.uniform(-3, 3))))],
  ['wave (n = 7)', wave1d({ n: 7, dx: 0.3, c: 1.7 }), (r, q, v) => q.forEach((_, i) => ((q[i] = r.normal()), (v[i] = r.normal())))],
];

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe.each(systems)('%s', (_name, system, sample) => {
  const d = system.dof;
  const rng = createRandom(7);
  const states = Array.from({ length: 20 }, () => {
    const [q, v] = [new Float64Array(d), new Float64Array(d)];
    sample(rng, q, v);
    return [q, v] as const;
  });

  it('gradient and Hessian blocks match float64 central differences of the Lagrangian', () => {
    const [dq, dv, hqq, hqv, hvv] = [d, d, d * d, d * d, d * d].map((n) => new Float64Array(n)) as Float64Array[];
    const h = 1e-6;
    for (const [q, v] of states) {
      system.lagrangianGradient(q, v, dq!, dv!);
      system.lagrangianHessian(q, v, hqq!, hqv!, hvv!);
      const bump = (x: Float64Array, i: number, s: number) => x.map((y, j) => (j === i ? y + s : y));
      for (let i = 0; i < d; i++) {
        const fdq = (system.lagrangian(bump(q, i, h), v) - system.lagrangian(bump(q, i, -h), v)) / (2 * h);
        const fdv = (system.lagrangian(q, bump(v, i, h)) - system.lagrangian(q, bump(v, i, -h))) / (2 * h);
        expect(rel(dq![i]!, fdq)).toBeLessThan(1e-6);
        expect(rel(dv![i]!, fdv)).toBeLessThan(1e-6);
        const [gqp, gvp, gqm, gvm] = [d, d, d, d].map((n) => new Float64Array(n)) as Float64Array[];
        system.lagrangianGradient(bump(q, i, h), v, gqp!, gvp!);
        system.lagrangianGradient(bump(q, i, -h), v, gqm!, gvm!);
        for (let j = 0; j < d; j++) expect(rel(hqq![j * d + i]!, (gqp![j]! - gqm![j]!) / (2 * h))).toBeLessThan(1e-6);
        system.lagrangianGradient(q, bump(v, i, h), gqp!, gvp!);
        system.lagrangianGradient(q, bump(v, i, -h), gqm!, gvm!);
        for (let j = 0; j < d; j++) {
          expect(rel(hqv![j * d + i]!, (gqp![j]! - gqm![j]!) / (2 * h))).toBeLessThan(1e-6);
          expect(rel(hvv![j * d + i]!, (gvp![j]! - gvm![j]!) / (2 * h))).toBeLessThan(1e-6);
        }
      }
    }
  });

  it('closed-form accelerations solve the Euler–Lagrange equation of its Lagrangian', () => {
    const fromLagrangian = lagrangianAcceleration(lagrangianProblem(system));
    const [a, b] = [new Float64Array(d), new Float64Array(d)];
    for (const [q, v] of states) {
      system.acceleration(q, v, a);
      fromLagrangian(q, v, b);
      const scale = Math.max(1, ...Array.from(b, Math.abs));
      for (let i = 0; i < d; i++) expect(Math.abs(a[i]! - b[i]!) / scale).toBeLessThan(1e-12);
    }
  });

  it('energy is v·∂L/∂v − L', () => {
    const [dq, dv] = [new Float64Array(d), new Float64Array(d)];
    for (const [q, v] of states) {
      system.lagrangianGradient(q, v, dq, dv);
      const e = v.reduce((s, x, i) => s + x * dv[i]!, 0) - system.lagrangian(q, v);
      expect(rel(system.energy(q, v), e)).toBeLessThan(1e-12);
    }
  });
});

describe('double pendulum', () => {
  it("has the paper's potential bound and samplers", () => {
    const dp = doublePendulum();
    expect(dp.potentialBound).toBeCloseTo(29.4, 12);
    const rng = createRandom(3);
    const [q, v] = [new Float64Array(2), new Float64Array(2)];
    for (let i = 0; i < 1000; i++) {
      dp.sampleTrainingState(rng, q, v);
      for (const x of q) expect(x >= 0 && x < 2 * Math.PI).toBe(true);
      for (const x of v) expect(x >= -10 && x <= 10).toBe(true);
      dp.sampleEnergyTestState(rng, q, v);
      for (const x of v) expect(x >= 0 && x < 0.1).toBe(true);
    }
  });

  it('equals a two-link pendulum chain', () => {
    const params = { m1: 1.3, m2: 0.7, l1: 0.9, l2: 1.2, g: 9.8 };
    const dp = doublePendulum(params);
    const chain = pendulumChain({ n: 2, masses: [params.m1, params.m2], lengths: [params.l1, params.l2] });
    const rng = createRandom(5);
    const [q, v, a, b] = [2, 2, 2, 2].map((n) => new Float64Array(n)) as Float64Array[];
    for (let i = 0; i < 50; i++) {
      dp.sampleTrainingState(rng, q!, v!);
      dp.acceleration(q!, v!, a!);
      chain.acceleration(q!, v!, b!);
      for (let j = 0; j < 2; j++) expect(Math.abs(a![j]! - b![j]!)).toBeLessThan(1e-12 * Math.max(1, Math.abs(a![j]!)));
      expect(rel(dp.energy(q!, v!), chain.energy(q!, v!))).toBeLessThan(1e-13);
    }
  });

  it('conserves energy under adaptive Dormand–Prince (rtol = atol = 1e-10) to 1e-8 relative over t ∈ [0, 100]', () => {
    const dp = doublePendulum();
    const rng = createRandom(11);
    const y0 = new Float64Array(4 * 4);
    for (let b = 0; b < 4; b++) {
      const q = y0.subarray(4 * b, 4 * b + 2);
      const v = y0.subarray(4 * b + 2, 4 * b + 4);
      if (b < 2) {
        dp.sampleEnergyTestState(rng, q, v);
      } else {
        q.set([rng.uniform(0, 6), rng.uniform(0, 6)]);
        v.set([rng.uniform(-3, 3), rng.uniform(-3, 3)]);
      }
    }
    const times = Array.from({ length: 11 }, (_, i) => i * 10);
    const r = solve(secondOrderProblem(dp), y0, times, dopri5({ rtol: 1e-10, atol: 1e-10 }));
    expect(r.ok).toBe(true);
    const e0 = energies(dp, y0);
    const eEnd = energies(dp, r.states.subarray(10 * 16));
    // relative to the energy scale of the system (max |V| = 29.4), as the paper measures
    e0.forEach((e, b) => expect(Math.abs(eEnd[b]! - e) / dp.potentialBound).toBeLessThan(1e-8));
  });
});

describe('wave equation', () => {
  it('conserves energy with the variational integrator over 10⁴ steps', () => {
    const wave = wave1d({ n: 64 });
    const [phi, phiDot] = [new Float64Array(64), new Float64Array(64)];
    wave.smoothRandomField(createRandom(2), phi, phiDot);
    wave.gaussianPulse(phiDot, new Float64Array(64), { center: 0.3, width: 0.05, amplitude: 2 }); // give it velocity too
    const y0 = Float64Array.from([...phi, ...phiDot]);
    const dt = 0.5 * wave.parameters.dx!; // CFL 0.5 (the midpoint rule is stable at any step)
    const steps = 10_000;
    const times = Array.from({ length: 11 }, (_, i) => (i * steps * dt) / 10);
    const r = solve(lagrangianProblem(wave), y0, times, variational({ dt }));
    expect(r.ok).toBe(true);
    expect(r.stats.steps).toBe(steps);
    const e = Array.from({ length: 11 }, (_, k) => wave.energy(r.states.subarray(128 * k, 128 * k + 64), r.states.subarray(128 * k + 64, 128 * (k + 1))));
    // A quadratic Lagrangian: the midpoint variational integrator conserves its energy exactly,
    // up to the Newton tolerance and rounding.
    for (const ek of e) expect(Math.abs(ek - e[0]!) / e[0]!).toBeLessThan(1e-9);
  });

  it('its accelerations are the periodic second difference', () => {
    const wave = wave1d({ n: 5, dx: 0.5, c: 2 });
    const q = Float64Array.from([1, 0, 2, -1, 0.5]);
    const out = new Float64Array(5);
    wave.acceleration(q, new Float64Array(5), out);
    const expected = [0.5 - 2 + 0, 1 - 0 + 2, 0 - 4 - 1, 2 + 2 + 0.5, -1 - 1 + 1].map((x) => (4 * x) / 0.25);
    out.forEach((x, i) => expect(x).toBeCloseTo(expected[i]!, 10));
  });

  it('makes a travelling Gaussian pulse and a smooth random field', () => {
    const wave = wave1d({ n: 100 });
    const [phi, phiDot] = [new Float64Array(100), new Float64Array(100)];
    wave.gaussianPulse(phi, phiDot, { center: 0.5, width: 0.05 });
    expect(phi[50]).toBeCloseTo(1, 12);
    expect(phiDot[45]!).toBeLessThan(0); // behind the peak, rising as it moves right: φ̇ = −c φ′ < 0 where φ′ > 0
    wave.smoothRandomField(createRandom(1), phi, phiDot, { amplitude: 0.5 });
    expect(Math.max(...Array.from(phi, Math.abs))).toBeCloseTo(0.5, 12);
  });
});

describe('relativistic particle', () => {
  it('inverts the canonical momentum and matches the paper’s equation of motion', () => {
    for (const v of [-0.99999, -0.7, -1e-9, 0, 0.3, 0.9, 0.999]) {
      expect(Math.abs(relativisticVelocity(relativisticMomentum(v)) - v)).toBeLessThan(1e-14);
      const g = 2.5;
      expect(relativisticAcceleration(v, g)).toBeCloseTo((g * (1 - v * v) ** 2.5) / (1 + 2 * v * v), 14);
    }
    expect(relativisticEnergy(0, 0, 1)).toBe(-1);
  });
});

describe('bad parameters are refused by name', () => {
  it.each([
    [() => doublePendulum({ m1: -1 }), 'doublePendulum: m1 must be a finite number > 0, received -1.'],
    [() => doublePendulum({ l2: 0 }), 'doublePendulum: l2 must be a finite number > 0, received 0.'],
    [() => relativisticAcceleration(1, 1), 'relativisticAcceleration: the velocity must satisfy |q̇| < 1 (c = 1), received 1.'],
    [() => relativisticMomentum(-1.5), /relativisticMomentum: the velocity must satisfy \|q̇\| < 1/],
    [() => wave1d({ n: 2 }), 'wave1d: n (grid points) must be an integer ≥ 3, received 2.'],
    [() => wave1d({ c: Number.NaN }), 'wave1d: c must be a finite number > 0, received NaN.'],
    [() => pendulumChain({ n: 3, masses: [1, 2] }), 'pendulumChain: masses must have 3 entries (one per link), received 2.'],
    [() => harmonicOscillator({ damping: -0.1 }), 'harmonicOscillator: damping must be a finite number ≥ 0, received -0.1.'],
    [() => simplePendulum({ l: -2 }), 'simplePendulum: l must be a finite number > 0, received -2.'],
  ] as const)('%#', (make, message) => {
    expect(make).toThrow(message);
  });
});

describe('damped harmonic oscillator', () => {
  it('loses energy along its trajectories', () => {
    const osc = harmonicOscillator({ damping: 0.2 });
    const r = solve(secondOrderProblem(osc), [1, 0], [0, 5, 10], dopri5({ rtol: 1e-10, atol: 1e-12 }));
    const e = energies(osc, r.states);
    expect(e[1]!).toBeLessThan(e[0]!);
    expect(e[2]!).toBeLessThan(e[1]!);
    expect(osc.name).toBe('damped-harmonic-oscillator');
  });
});
