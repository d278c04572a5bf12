import { describe, expect, it } from 'vitest';
import { explicitRungeKutta } from '../explicit-runge-kutta';
import type { Integrator, IntegratorState } from '../integrator';
import type { FirstOrderProblem, LagrangianProblem, Rhs } from '../problem';
import { rk4Integrator } from '../rk4';
import { solve, type SolveResult } from '../solve';
import type { ButcherTableau } from '../tableau';
import { DOPRI5 } from '../tableaus/dopri5';
import { bs23 } from './bs23';
import { dopri5 } from './dopri5';
import { embeddedRungeKutta } from './embedded-runge-kutta';
import { fixedStep } from './fixed-step';
import { rk4 } from './rk4';
import { variational } from './variational';
import { verlet } from './verlet';

// y' = y cos t, y(0) = 1: y = exp(sin t).
const growth: FirstOrderProblem = { kind: 'first-order', dim: 1, rhs: (t, y, dy) => y.forEach((v, i) => (dy[i] = v * Math.cos(t))) };
const times = Array.from({ length: 51 }, (_, i) => i * 0.2);
const exact = (t: number) => Math.exp(Math.sin(t));
const maxError = (r: SolveResult) => times.reduce((m, t, k) => Math.max(m, Math.abs(r.states[k]! - exact(t))), 0);

/** Least-squares slope of log(y) against log(x). */
function slope(x: number[], y: number[]): number {
  const [lx, ly] = [x.map(Math.log), y.map(Math.log)];
  const [mx, my] = [lx.reduce((s, v) => s + v, 0) / lx.length, ly.reduce((s, v) => s + v, 0) / ly.length];
  return lx.reduce((s, v, i) => s + (v - mx) * (ly[i]! - my), 0) / lx.reduce((s, v) => s + (v - mx) ** 2, 0);
}

/** Heun–Euler 2(1): the smallest embedded pair, not FSAL, with no dense output. */
const HEUN_EULER: ButcherTableau = { name: 'heun-euler', order: 2, embeddedOrder: 1, c: [0, 1], a: [[], [1]], b: [0.5, 0.5], e: [-0.5, 0.5] };

describe('methods as values', () => {
  it('fill in their defaults once, in the factory; solve without a method is dopri5()', () => {
    expect(dopri5().options).toEqual({ rtol: 1.49012e-8, atol: 1.49012e-8, adaptive: true, batching: 'independent', maxSteps: 100_000 });
    expect(bs23({ rtol: 1e-4 }).options).toEqual({ rtol: 1e-4, atol: 1.49012e-8, adaptive: true, batching: 'independent', maxSteps: 100_000 });
    expect(rk4({ dt: 0.1 }).options).toEqual({ dt: 0.1, maxSteps: 100_000 });
    expect(variational({ dt: 0.1, newton: { tolerance: 1e-10 } }).options).toEqual({ dt: 0.1, maxSteps: 100_000, newton: { tolerance: 1e-10 } });
    expect([rk4({ dt: 1 }), dopri5(), bs23(), verlet({ dt: 1 }), variational({ dt: 1 }), embeddedRungeKutta(HEUN_EULER), fixedStep(rk4Integrator, { dt: 1 })].map((m) => m.name)).toEqual([
      'rk4', 'dopri5', 'bs23', 'verlet', 'variational', 'heun-euler', 'fixed-step',
    ]);
    const a = solve(growth, [1, 2], times);
    const b = solve(growth, [1, 2], times, dopri5());
    expect(Array.from(a.states)).toEqual(Array.from(b.states));
    expect(a.stats).toEqual(b.stats);
    expect(Object.isFrozen(dopri5())).toBe(true);
    expect(Object.isFrozen(dopri5().options)).toBe(true);
  });

  it('with() changes options and checks them again', () => {
    const shared = dopri5({ rtol: 1e-6 }).with({ batching: 'shared' });
    expect(shared.options).toEqual(dopri5({ rtol: 1e-6, batching: 'shared' }).options);
    expect(rk4({ dt: 0.1 }).with({ dt: 0.05 }).options.dt).toBe(0.05);
    expect(() => rk4({ dt: 0.1 }).with({ dt: -1 })).toThrow('rk4: options.dt (the step) must be a finite number > 0, received -1.');
    const r = solve(growth, [1, 2], times, shared);
    expect(Array.from(r.states)).toEqual(Array.from(solve(growth, [1, 2], times, dopri5({ rtol: 1e-6, batching: 'shared' })).states));
  });

  it('bs23: the same adaptive driver with another pair — its error tracks the tolerance, three new stages per step', () => {
    const tols = [1e-4, 1e-6, 1e-8];
    const runs = tols.map((tol) => solve(growth, [1], times, bs23({ rtol: tol, atol: tol })));
    const errors = runs.map(maxError);
    runs.forEach((r) => expect(r.ok).toBe(true));
    // The global error over [0, 10] follows the tolerance: measured 22×, 29×, 40× it (dopri5: 9–12×;
    // a low-order pair takes many more steps, whose local errors add up), slope ≈ 0.94 in log-log.
    errors.forEach((e, i) => expect(e).toBeLessThan(100 * tols[i]!));
    expect(slope(tols, errors)).toBeGreaterThan(0.85);
    // … and a third-order pair needs far more steps than dopri5 at tight tolerances.
    expect(runs[2]!.stats.steps).toBeGreaterThan(5 * solve(growth, [1], times, dopri5({ rtol: 1e-8, atol: 1e-8 })).stats.steps);
    // FSAL with 4 stages: 3 evaluations per attempt, plus f(t₀) and the first-step estimate's one.
    for (const r of runs) expect(r.stats.evaluations).toBe(3 * (r.stats.steps + r.stats.rejected) + 2);
  });

  it("bs23's dense output (cubic Hermite) is third order: outputs between steps as accurate as the steps", () => {
    // One step of h from t = 0.3, outputs at interior points: the interpolant's error is O(h⁴) locally.
    const errorsAt = (h: number) => {
      const r = solve(growth, [exact(0.3)], [0.3, 0.3 + h / 3, 0.3 + h / 2, 0.3 + h], bs23({ adaptive: true, dt: h, rtol: 1, atol: 1 }));
      return Math.max(...[1, 2].map((k) => Math.abs(r.states[k]! - exact(r.times[k]!))));
    };
    const hs = [0.2, 0.1, 0.05, 0.025];
    expect(slope(hs, hs.map(errorsAt))).toBeGreaterThan(3.6); // local error of a third-order interpolant: h⁴
  });

  it("embeddedRungeKutta: a user's own tableau is stepped by its own weights, and lands on every output time", () => {
    const tols = [1e-4, 1e-6, 1e-8];
    const runs = tols.map((tol) => solve(growth, [1], times, embeddedRungeKutta(HEUN_EULER, { rtol: tol, atol: tol })));
    runs.forEach((r) => expect(r.ok).toBe(true));
    const errors = runs.map(maxError);
    errors.forEach((e, i) => expect(e).toBeLessThan(100 * tols[i]!));
    // Two stages, not FSAL: two evaluations per attempt, plus f(t₀) and the first-step estimate's one.
    for (const r of runs) expect(r.stats.evaluations).toBe(2 * (r.stats.steps + r.stats.rejected) + 2);
    // At least one step per output interval (no dense output: it steps onto each of the 50 times).
    expect(runs[0]!.stats.steps).toBeGreaterThanOrEqual(50);
    // Dormand–Prince's tableau through the same path takes exactly dopri5's steps to a single output time.
    const [mine, builtIn] = [embeddedRungeKutta(DOPRI5, { rtol: 1e-9, atol: 1e-9 }), dopri5({ rtol: 1e-9, atol: 1e-9 })].map((m) => solve(growth, [1, 0.5], [0, 10], m));
    expect(mine!.stats).toEqual(builtIn!.stats);
    mine!.states.forEach((v, i) => expect(Math.abs(v - builtIn!.states[i]!)).toBeLessThan(1e-14 * Math.abs(v)));
  });

  it("fixedStep: a user's own Integrator (explicit Euler, written by hand) is used — measured order 1", () => {
    const calls = { init: 0, step: 0 };
    const euler = (rhs: Rhs, size: number): Integrator => ({
      name: 'euler',
      order: 1,
      init: (t0: number, y0: Float64Array) => (calls.init++, { t: t0, y: Float64Array.from(y0) }),
      step: (s: IntegratorState, h: number) => {
        calls.step++;
        const dy = new Float64Array(size);
        rhs(s.t, s.y, dy);
        return { state: { t: s.t + h, y: s.y.map((v, i) => v + h * dy[i]!) }, evaluations: 1 };
      },
    });
    const hs = [0.02, 0.01, 0.005, 0.0025];
    const errors = hs.map((dt) => {
      const r = solve(growth, [1], [0, 2], fixedStep(euler, { dt }));
      return Math.abs(r.states[1]! - exact(2));
    });
    expect(Math.abs(slope(hs, errors) - 1)).toBeLessThan(0.1);
    expect(calls.init).toBe(4);
    expect(calls.step).toBe(100 + 200 + 400 + 800);
    // The built-in integrators are factories of the same shape: fixedStep(rk4Integrator) is rk4().
    const [a, b] = [solve(growth, [1, 3], times, fixedStep(rk4Integrator, { dt: 0.03 })), solve(growth, [1, 3], times, rk4({ dt: 0.03 }))];
    expect(Array.from(a.states)).toEqual(Array.from(b.states));
    // Any tableau as a fixed-step method: Heun's method through explicitRungeKutta, order 2.
    const heun = (rhs: Rhs, size: number) => explicitRungeKutta(HEUN_EULER, rhs, size);
    const heunErrors = hs.map((dt) => Math.abs(solve(growth, [1], [0, 2], fixedStep(heun, { dt })).states[1]! - exact(2)));
    expect(Math.abs(slope(hs, heunErrors) - 2)).toBeLessThan(0.15);
  });

  it('refuse bad options, naming the method, the option and what it expects', () => {
    expect(() => rk4({ dt: 0 })).toThrow('rk4: options.dt (the step) must be a finite number > 0, received 0.');
    expect(() => rk4({ dt: 0.1, rtol: 1e-6 } as never)).toThrow("rk4: unknown option 'rtol'; expected 'dt', 'maxSteps'.");
    expect(() => rk4(undefined as never)).toThrow('rk4: options.dt (the step) must be a finite number > 0, received undefined.');
    expect(() => verlet({ dt: 0.1, maxSteps: 1.5 })).toThrow('verlet: options.maxSteps must be a positive integer, received 1.5.');
    expect(() => dopri5({ batching: 'each' as never })).toThrow(`dopri5: options.batching must be 'independent' or 'shared', received "each".`);
    expect(() => dopri5({ adaptive: false })).toThrow('dopri5: options.dt (the step, with adaptive: false) must be a finite number > 0, received undefined.');
    expect(() => bs23({ atol: Number.NaN })).toThrow('bs23: options.atol (the absolute tolerance) must be a finite number > 0, received NaN.');
    expect(() => dopri5({ adaptive: 'yes' as never })).toThrow('dopri5: options.adaptive must be true or false, received yes.');
    expect(() => variational({ dt: 0.1, newton: { tolerance: -1 } })).toThrow('variational: options.newton.tolerance must be a finite number > 0, received -1.');
    expect(() => variational({ dt: 0.1, newton: { tol: 1 } as never })).toThrow("variational: unknown option 'newton.tol'; expected 'tolerance', 'maxIterations'.");
    expect(() => embeddedRungeKutta({ ...HEUN_EULER, e: undefined })).toThrow(/embeddedRungeKutta: tableau.e \(the error weights b − b̂ of an embedded pair\) is missing/);
    expect(() => embeddedRungeKutta({ ...HEUN_EULER, a: [[], []] })).toThrow('embeddedRungeKutta: tableau.a must be strictly lower triangular: 2 rows, row i holding i finite numbers, received [[],[]].');
    expect(() => embeddedRungeKutta({ ...HEUN_EULER, embeddedOrder: undefined })).toThrow('embeddedRungeKutta: tableau.embeddedOrder (the order of b̂) must be a positive integer, received undefined.');
    expect(() => embeddedRungeKutta({ ...HEUN_EULER, fsal: true })).toThrow(/embeddedRungeKutta: tableau.fsal is set, but its last stage is not the new point/);
    expect(() => embeddedRungeKutta(HEUN_EULER, { rtol: 0 })).toThrow('embeddedRungeKutta: options.rtol (the relative tolerance) must be a finite number > 0, received 0.');
    expect(() => fixedStep('rk4' as never, { dt: 0.1 })).toThrow('fixedStep: integrator must be a function (rhs, size, problem) => Integrator, such as rk4Integrator, received string.');
    expect(() => solve(growth, [1], [0, 1], fixedStep(() => ({}) as never, { dt: 0.1 }))).toThrow('fixedStep: the integrator factory must return an Integrator { name, order, init, step }, received object.');
    expect(() => solve(growth, [1], [0, 1], dopri5(), { rtol: 1e-6 })).toThrow('solve: options.rtol belongs to the method now; pass it to the method value (e.g. dopri5({ rtol })), not in solve\'s options.');
    const lagrangian: LagrangianProblem = { kind: 'lagrangian', dof: 1, gradient: () => undefined, hessian: () => undefined };
    expect(() => solve(lagrangian, [1, 0], [0, 1], verlet({ dt: 0.1 }))).toThrow('verlet: needs a second-order problem q̈ = a(q), received a lagrangian problem.');
  });
});
