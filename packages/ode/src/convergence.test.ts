import { describe, expect, it } from 'vitest';
import type { FirstOrderProblem, LagrangianProblem, SecondOrderProblem } from './problem';
import type { SolveMethod } from './method';
import { bs23 } from './methods/bs23';
import { dopri5 } from './methods/dopri5';
import { rk4 } from './methods/rk4';
import { variational } from './methods/variational';
import { verlet } from './methods/verlet';
import type { Problem } from './problem';
import { solve } from './solve';

// Harmonic oscillator q̈ = −q from (q, v) = (1, 0): q = cos t, v = −sin t.
const firstOrder: FirstOrderProblem = {
  kind: 'first-order',
  dim: 2,
  rhs: (_t, y, dy) => {
    for (let i = 0; i < y.length; i += 2) {
      dy[i] = y[i + 1]!;
      dy[i + 1] = -y[i]!;
    }
  },
};
const secondOrder: SecondOrderProblem = {
  kind: 'second-order',
  dof: 1,
  velocityDependent: false,
  acceleration: (_t, q, _v, out) => q.forEach((x, i) => (out[i] = -x)),
};
const lagrangian: LagrangianProblem = {
  kind: 'lagrangian',
  dof: 1,
  gradient: (q, v, dq, dv) => {
    dq[0] = -q[0]!;
    dv[0] = v[0]!;
  },
  hessian: (_q, _v, hqq, hqv, hvv) => {
    hqq[0] = -1;
    hqv[0] = 0;
    hvv[0] = 1;
  },
};

/** Least-squares slope of log(error) against log(h). */
function slope(hs: number[], errors: number[]): number {
  const x = hs.map(Math.log);
  const y = errors.map(Math.log);
  const mx = x.reduce((s, v) => s + v, 0) / x.length;
  const my = y.reduce((s, v) => s + v, 0) / y.length;
  const num = x.reduce((s, v, i) => s + (v - mx) * (y[i]! - my), 0);
  const den = x.reduce((s, v) => s + (v - mx) ** 2, 0);
  return num / den;
}

/** The problem form each method takes (the same oscillator). */
const problemFor = (method: SolveMethod): Problem => ({ verlet: secondOrder, variational: lagrangian })[method.name] ?? firstOrder;

function errorAt(make: (dt: number) => SolveMethod, dt: number): number {
  const method = make(dt);
  const T = 2;
  const r = solve(problemFor(method), [1, 0], [0, T], method);
  expect(r.ok).toBe(true);
  return Math.hypot(r.states[2]! - Math.cos(T), r.states[3]! + Math.sin(T));
}

describe('measured convergence order equals the declared order', () => {
  it.each([
    ['rk4', 4, [0.2, 0.1, 0.05, 0.025], (dt: number) => rk4({ dt })],
    ['dopri5', 5, [0.4, 0.2, 0.1, 0.05], (dt: number) => dopri5({ adaptive: false, dt })],
    ['bs23', 3, [0.2, 0.1, 0.05, 0.025], (dt: number) => bs23({ adaptive: false, dt })],
    ['verlet', 2, [0.1, 0.05, 0.025, 0.0125], (dt: number) => verlet({ dt })],
    ['variational', 2, [0.1, 0.05, 0.025, 0.0125], (dt: number) => variational({ dt })],
  ] as const)('%s: order %i', (_name, order, hs, make) => {
    const errors = hs.map((h) => errorAt(make, h));
    expect(Math.abs(slope([...hs], errors) - order)).toBeLessThan(0.25);
  });
});

describe('adaptive Dormand–Prince', () => {
  // y' = y cos t, y(0) = 1: y = exp(sin t).
  const growth: FirstOrderProblem = { kind: 'first-order', dim: 1, rhs: (t, y, dy) => y.forEach((v, i) => (dy[i] = v * Math.cos(t))) };
  const times = Array.from({ length: 51 }, (_, i) => i * 0.2);

  it('achieves an error that tracks its tolerance', () => {
    const tols = [1e-4, 1e-6, 1e-8, 1e-10];
    const errors = tols.map((tol) => {
      const r = solve(growth, [1], times, dopri5({ rtol: tol, atol: tol }));
      expect(r.ok).toBe(true);
      return times.reduce((m, t, k) => Math.max(m, Math.abs(r.states[k]! - Math.exp(Math.sin(t)))), 0);
    });
    // Global error over [0, 10] settles at about 12× the (per-step) tolerance at every tolerance.
    errors.forEach((e, i) => expect(e).toBeLessThan(30 * tols[i]!));
    for (let i = 1; i < errors.length; i++) expect(errors[i]!).toBeLessThan(errors[i - 1]!);
    // Error ∝ tolerance (slope ≈ 1 in log-log).
    expect(Math.abs(slope(tols, errors) - 1)).toBeLessThan(0.3);
  });

  it('shared and independent batching agree, and every problem kind gives the same trajectory', () => {
    const y0 = [1, 0, 0.5, 0.3, -0.2, 1];
    const t = [0, 1, 3, 7];
    const opts = { rtol: 1e-10, atol: 1e-12 };
    const independent = solve(firstOrder, y0, t, dopri5(opts));
    const shared = solve(firstOrder, y0, t, dopri5({ ...opts, batching: 'shared' }));
    const viaSecond = solve(secondOrder, y0, t, dopri5(opts));
    const viaLagrangian = solve(lagrangian, y0, t, dopri5(opts));
    for (const r of [shared, viaSecond, viaLagrangian]) {
      r.states.forEach((v, i) => expect(Math.abs(v - independent.states[i]!)).toBeLessThan(1e-8));
    }
    const exact = t.flatMap((tt) => [0, 1, 2].flatMap((b) => {
      const [q0, v0] = [y0[2 * b]!, y0[2 * b + 1]!];
      return [q0 * Math.cos(tt) + v0 * Math.sin(tt), -q0 * Math.sin(tt) + v0 * Math.cos(tt)];
    }));
    independent.states.forEach((v, i) => expect(Math.abs(v - exact[i]!)).toBeLessThan(1e-8));
    expect(independent.stats.steps).toBeGreaterThan(0);
    expect(independent.stats.evaluations).toBeGreaterThan(6 * independent.stats.steps);
  });
});

describe('long-run energy over 10⁵ steps of a harmonic oscillator (dt = 0.3)', () => {
  const steps = 100_000;
  const dt = 0.3;
  const times = Array.from({ length: 101 }, (_, i) => (i * steps * dt) / 100);
  const energyErrors = (method: SolveMethod) => {
    const r = solve(problemFor(method), [1, 0], times, method);
    expect(r.ok).toBe(true);
    return times.map((_, k) => Math.abs(0.5 * (r.states[2 * k]! ** 2 + r.states[2 * k + 1]! ** 2) - 0.5) / 0.5);
  };

  it.each([
    ['verlet', verlet({ dt })],
    ['variational', variational({ dt })],
  ] as const)('%s keeps the energy error bounded (no drift)', (_name, method) => {
    const errors = energyErrors(method);
    const early = Math.max(...errors.slice(1, 11));
    const late = Math.max(...errors.slice(90));
    // Bounded by O(h²) (h²/4 ≈ 0.02 here), oscillating, and no larger at the end than near the start.
    expect(Math.max(...errors)).toBeLessThan(0.03);
    expect(late).toBeLessThan(1.5 * early + 1e-12);
  });

  it('RK4 drifts: its energy decays steadily', () => {
    const errors = energyErrors(rk4({ dt }));
    // RK4 loses ≈ h⁶/72 of the energy per step: about 0.1 after 10⁴ steps, 0.6 after 10⁵.
    expect(errors[100]!).toBeGreaterThan(0.5);
    expect(errors[100]!).toBeGreaterThan(4 * errors[10]!);
    for (let k = 20; k <= 100; k += 10) expect(errors[k]!).toBeGreaterThan(errors[k - 10]!);
  });
});
