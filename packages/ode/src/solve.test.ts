import { describe, expect, it } from 'vitest';
import type { FirstOrderProblem, LagrangianProblem } from './problem';
import { dopri5 } from './methods/dopri5';
import { rk4 } from './methods/rk4';
import { variational } from './methods/variational';
import { verlet } from './methods/verlet';
import { solve } from './solve';

const decay: FirstOrderProblem = { kind: 'first-order', dim: 1, rhs: (_t, y, dy) => y.forEach((v, i) => (dy[i] = -v)) };

describe('solve reports trouble instead of returning silent NaN', () => {
  it('stops a trajectory at the step limit and says so', () => {
    const r = solve(decay, [1, 2], [0, 10], rk4({ dt: 0.01, maxSteps: 50 }));
    expect(r.ok).toBe(false);
    expect(r.status).toEqual(['step-limit', 'step-limit']);
    expect(Array.from(r.reached)).toEqual([1, 1]);
    expect(r.stoppedAt[0]).toBeCloseTo(0.5, 10);
    expect(r.message).toBe('2 of 2 trajectories stopped early: 2 step-limit (first: trajectory 0 at t = 0.5000000000000002).');
    expect(Number.isNaN(r.states[2]!)).toBe(true);
  });

  it('stops a blow-up (y′ = y², y₀ = 1, singular at t = 1) and keeps the healthy trajectory', () => {
    const blowUp: FirstOrderProblem = { kind: 'first-order', dim: 1, rhs: (_t, y, dy) => y.forEach((v, i) => (dy[i] = v * v)) };
    for (const batching of ['independent', 'shared'] as const) {
      const r = solve(blowUp, [1, -1], [0, 0.5, 2], dopri5({ batching }));
      expect(r.status[0]).not.toBe('success');
      expect(r.stoppedAt[0]).toBeGreaterThan(0.99);
      expect(r.stoppedAt[0]).toBeLessThan(1 + 1e-6);
      expect(r.reached[0]).toBe(2);
      expect(r.states[2]).toBeCloseTo(2, 6); // y(0.5) = 1/(1 − 0.5)
      expect(r.status[1]).toBe('success');
      expect(r.states[5]).toBeCloseTo(-1 / 3, 6); // y(2) = −1/(1 + 2)
    }
  });

  it('stops a trajectory that options.stop refuses, with its reason, and then no longer lets it set the shared step', () => {
    // y′ = y²: trajectory 0 (y₀ = 1) blows up at t = 1; stopped once |y| > 10 (t ≈ 0.9), it no
    // longer shrinks the step the healthy trajectory 1 (y₀ = −1) takes.
    const blowUp: FirstOrderProblem = { kind: 'first-order', dim: 1, rhs: (_t, y, dy) => y.forEach((v, i) => (dy[i] = v * v)) };
    const stop = (_t: number, y: Float64Array) => (Math.abs(y[0] as number) > 10 ? `|y| = ${Math.abs(y[0] as number).toFixed(1)} > 10` : undefined);
    for (const batching of ['independent', 'shared'] as const) {
      const r = solve(blowUp, [1, -1], [0, 0.5, 2], dopri5({ batching }), { stop });
      expect(r.status).toEqual(['stopped', 'success']);
      expect(r.reasons[0]).toMatch(/^\|y\| = 1\d\.\d > 10$/);
      expect(r.reasons[1]).toBeUndefined();
      expect(r.stoppedAt[0]).toBeGreaterThan(0.9);
      expect(r.stoppedAt[0]).toBeLessThan(0.95);
      expect(r.reached[0]).toBe(2);
      expect(r.states[5]).toBeCloseTo(-1 / 3, 6);
      expect(r.message).toMatch(/1 of 2 trajectories stopped early: 1 stopped \(first: trajectory 0 at t = 0\.9\d*: \|y\| = 1\d\.\d > 10\)\./);
      if (batching === 'shared') {
        const unstopped = solve(blowUp, [1, -1], [0, 0.5, 2], dopri5({ batching }));
        expect(r.stats.steps).toBeLessThan(unstopped.stats.steps / 2);
      }
    }
    const fixed = solve(blowUp, [1, -1], [0, 2], rk4({ dt: 0.01 }), { stop });
    expect(fixed.status).toEqual(['stopped', 'success']);
    expect(() => solve(decay, [1], [0, 1], dopri5(), { stop: 'no' as never })).toThrow('solve: options.stop must be a function (t, state, trajectory) => reason | undefined, received string.');
  });

  it("dopri5's dt is validated, and rejected attempts count toward maxSteps (nothing loops for ever)", () => {
    for (const dt of [Number.NaN, 0, -0.1, Number.POSITIVE_INFINITY]) {
      expect(() => dopri5({ dt })).toThrow(`dopri5: options.dt (the first step; its direction comes from times) must be a finite number > 0, or left out for Hairer's estimate, received ${dt}.`);
    }
    // A right-hand side that turns NaN past t = 0.5 for the positive trajectory: every attempt
    // there is rejected; it ends 'non-finite' and the negative one reaches the end.
    const poisoned: FirstOrderProblem = { kind: 'first-order', dim: 1, rhs: (t, y, dy) => y.forEach((v, i) => (dy[i] = v > 0 && t > 0.5 ? Number.NaN : -v)) };
    for (const batching of ['independent', 'shared'] as const) {
      const started = Date.now();
      const r = solve(poisoned, [1, -2], [0, 1], dopri5({ batching, maxSteps: 1_000 }));
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(r.status[0]).not.toBe('success');
      if (batching === 'independent') expect(r.status[1]).toBe('success');
    }
    // NaN from the very start: the first-step estimate is NaN; stopped at once, not looped.
    const allNaN: FirstOrderProblem = { kind: 'first-order', dim: 1, rhs: (_t, y, dy) => y.forEach((_v, i) => (dy[i] = Number.NaN)) };
    const r = solve(allNaN, [1], [0, 1], dopri5({ maxSteps: 10 }));
    expect(r.status).toEqual(['non-finite']);
    expect(r.stats.evaluations).toBeLessThan(10);
    // Every attempt rejected (an error estimate that never passes): bounded by maxSteps.
    let calls = 0;
    const noisy: FirstOrderProblem = { kind: 'first-order', dim: 1, rhs: (_t, _y, dy) => dy.fill(++calls % 2 === 0 ? 1e30 : -1e30) };
    const bounded = solve(noisy, [1], [0, 1], dopri5({ dt: 0.1, maxSteps: 200 }));
    expect(bounded.status[0]).not.toBe('success');
    expect(bounded.stats.steps + bounded.stats.rejected).toBeLessThanOrEqual(201);
  });

  it('reports a variational step whose Newton iteration cannot converge', () => {
    // L = q·v is linear in v: ∂²L/∂v² = 0 and the discrete equations are degenerate.
    const degenerate: LagrangianProblem = {
      kind: 'lagrangian',
      dof: 1,
      gradient: (q, v, dq, dv) => {
        dq[0] = v[0]!;
        dv[0] = q[0]!;
      },
      hessian: (_q, _v, hqq, hqv, hvv) => {
        hqq[0] = 0;
        hqv[0] = 1;
        hvv[0] = 0;
      },
    };
    const r = solve(degenerate, [1, 0], [0, 1], variational({ dt: 0.1 }));
    expect(r.status).toEqual(['newton-failed']);
    expect(r.message).toMatch(/1 newton-failed \(first: trajectory 0 at t = 0\)/);
  });

  it('rejects bad arguments with the argument, the value and what was expected', () => {
    expect(() => rk4({} as never)).toThrow('rk4: options.dt (the step) must be a finite number > 0, received undefined.');
    expect(() => solve(decay, [], [0, 1])).toThrow('solve: y0 must hold whole states of 1 components (B·1 numbers), received 0 numbers.');
    expect(() => solve(decay, [1], [0, 2, 1])).toThrow('solve: times must increase strictly; times[2] = 1 follows 2.');
    expect(() => solve(decay, [1], [0, Number.NaN])).toThrow('solve: times[1] is NaN, expected a finite number.');
    expect(() => solve(decay, [1], [0, 1], verlet({ dt: 0.1 }))).toThrow('verlet: needs a second-order problem q̈ = a(q), received a first-order problem.');
    expect(() => solve(decay, [1], [0, 1], variational({ dt: 0.1 }))).toThrow('variational: needs a lagrangian problem (its gradient and Hessian), received a first-order problem.');
    expect(() => solve(decay, [1], [0, 1], 'euler' as never)).toThrow('solve: method must be a method value such as dopri5({ rtol, atol }), rk4({ dt }) or bs23(), received string.');
    expect(() => dopri5({ rtol: -1 })).toThrow('dopri5: options.rtol (the relative tolerance) must be a finite number > 0, received -1.');
    expect(() =>
      solve({ kind: 'second-order', dof: 1, acceleration: () => undefined }, [1, 0], [0, 1], verlet({ dt: 0.1 })),
    ).toThrow(/verlet: needs an acceleration independent of the velocity/);
  });

  it('returns the initial row at times[0] and dense outputs between steps', () => {
    const r = solve(decay, [1], [0, 0.1, 0.2, 0.3, 5], dopri5({ rtol: 1e-10, atol: 1e-12 }));
    expect(r.ok).toBe(true);
    [0, 0.1, 0.2, 0.3, 5].forEach((t, k) => expect(Math.abs(r.states[k]! - Math.exp(-t))).toBeLessThan(1e-9));
  });
});
