// The deprecated forms: the options object of solve, and rk4 / dopri5 / verlet / variational called
// as integrator constructors. Still accepted, and mapped (internal/legacy-options.ts) to the method
// values that run the same arithmetic.
import { describe, expect, it } from 'vitest';
import { dopri5Integrator } from './dopri5';
import type { SolveMethod } from './method';
import { dopri5 } from './methods/dopri5';
import { rk4 } from './methods/rk4';
import { variational } from './methods/variational';
import { verlet } from './methods/verlet';
import type { FirstOrderProblem, LagrangianProblem, Problem, SecondOrderProblem } from './problem';
import { rk4Integrator } from './rk4';
import { solve, type SolveOptions, type SolveResult } from './solve';
import { variationalIntegrator } from './variational';
import { verletIntegrator } from './verlet';

const blowUp: FirstOrderProblem = { kind: 'first-order', dim: 1, rhs: (_t, y, dy) => y.forEach((v, i) => (dy[i] = v * v)) };
const pendulum: SecondOrderProblem = { kind: 'second-order', dof: 1, acceleration: (_t, q, v, a) => q.forEach((x, i) => (a[i] = -Math.sin(x) - 0.1 * v[i]!)) };
const spring: SecondOrderProblem = { kind: 'second-order', dof: 1, velocityDependent: false, acceleration: (_t, q, _v, a) => q.forEach((x, i) => (a[i] = -x - 0.2 * x ** 3)) };
const lagrangian: LagrangianProblem = {
  kind: 'lagrangian',
  dof: 1,
  gradient: (q, v, dq, dv) => {
    dq[0] = -Math.sin(q[0]!);
    dv[0] = v[0]!;
  },
  hessian: (q, _v, hqq, hqv, hvv) => {
    hqq[0] = -Math.cos(q[0]!);
    hqv[0] = 0;
    hvv[0] = 1;
  },
};
const stop = (_t: number, y: Float64Array) => (Math.abs(y[0]!) > 10 ? 'left the range' : undefined);

/** Same states (Object.is), outcome and work. */
function expectIdentical(a: SolveResult, b: SolveResult): void {
  expect(a.states.length).toBe(b.states.length);
  a.states.forEach((v, i) => {
    if (!Object.is(v, b.states[i])) throw new Error(`state ${i}: ${v} ≠ ${b.states[i]}`);
  });
  expect([a.status, a.reasons, Array.from(a.reached), Array.from(a.stoppedAt), a.message, a.stats]).toEqual([b.status, b.reasons, Array.from(b.reached), Array.from(b.stoppedAt), b.message, b.stats]);
}

describe('the deprecated options form of solve', () => {
  const cases: [string, Problem, number[], number[], SolveOptions, SolveMethod, SolveOptions?][] = [
    ['rk4', pendulum, [1, 0, 2.5, 0.3], [0, 1, 5, 20], { method: 'rk4', dt: 0.013 }, rk4({ dt: 0.013 })],
    ['rk4 to its step limit', pendulum, [1, 0], [0, 20], { method: 'rk4', dt: 0.01, maxSteps: 50 }, rk4({ dt: 0.01, maxSteps: 50 })],
    ['rk4 with stop', blowUp, [1, -1], [0, 2], { method: 'rk4', dt: 0.01, stop }, rk4({ dt: 0.01 }), { stop }],
    ['dopri5 (the default)', pendulum, [1, 0, 2.5, 0.3], [0, 1, 5, 20], {}, dopri5()],
    ['dopri5, tolerances', pendulum, [1, 0, 2.5, 0.3], [0, 1, 5, 20], { rtol: 1e-10, atol: 1e-11 }, dopri5({ rtol: 1e-10, atol: 1e-11 })],
    ['dopri5, shared, first step', pendulum, [1, 0, 2.5, 0.3], [0, 1, 5, 20], { method: 'dopri5', rtol: 1e-7, atol: 1e-7, dt: 0.01, batching: 'shared' }, dopri5({ rtol: 1e-7, atol: 1e-7, dt: 0.01, batching: 'shared' })],
    ['dopri5, shared, stop', blowUp, [1, -1], [0, 0.5, 2], { batching: 'shared', stop }, dopri5({ batching: 'shared' }), { stop }],
    ['dopri5, step limit', blowUp, [1, -1], [0, 0.5, 2], { maxSteps: 20 }, dopri5({ maxSteps: 20 })],
    ['dopri5, fixed', pendulum, [1, 0], [0, 0.3, 10], { adaptive: false, dt: 0.05 }, dopri5({ adaptive: false, dt: 0.05 })],
    ['verlet', spring, [1, 0, 0.5, 0.2], [0, 1, 5, 50], { method: 'verlet', dt: 0.01 }, verlet({ dt: 0.01 })],
    ['variational', lagrangian, [1, 0, 2, 0.5], [0, 1, 5, 30], { method: 'variational', dt: 0.05, newton: { tolerance: 1e-10, maxIterations: 5 } }, variational({ dt: 0.05, newton: { tolerance: 1e-10, maxIterations: 5 } })],
  ];

  it.each(cases)('%s: identical to the method value', (_name, problem, y0, times, legacy, method, options) => {
    expectIdentical(solve(problem, y0, times, legacy), solve(problem, y0, times, method, options));
  });

  it('ignores, as before, the fields the chosen method does not read', () => {
    expectIdentical(solve(pendulum, [1, 0], [0, 5], { method: 'rk4', dt: 0.02, rtol: 1e-3, batching: 'shared' }), solve(pendulum, [1, 0], [0, 5], rk4({ dt: 0.02 })));
  });

  it('names what is wrong', () => {
    expect(() => solve(pendulum, [1, 0], [0, 1], { method: 'euler' as never })).toThrow(
      `solve: options.method must be 'rk4', 'dopri5', 'verlet' or 'variational' (deprecated: pass a method value, e.g. dopri5({ rtol, atol })), received "euler".`,
    );
    expect(() => solve(pendulum, [1, 0], [0, 1], { method: 'rk4' })).toThrow('rk4: options.dt (the step) must be a finite number > 0, received undefined.');
    expect(() => solve(pendulum, [1, 0], [0, 1], { method: 'rk4', dt: 0.1 } as never, { stop })).toThrow(/solve: the deprecated options form \(an object in place of the method\) takes no fifth argument/);
  });
});

describe('rk4, dopri5, verlet and variational called as integrator constructors', () => {
  it('still build the integrators (rk4Integrator, dopri5Integrator, verletIntegrator, variationalIntegrator)', () => {
    const rhs = (_t: number, y: Float64Array, dy: Float64Array) => y.forEach((v, i) => (dy[i] = -v));
    const stepOf = (i: { init: (t: number, y: Float64Array) => unknown; step: (s: never, h: number) => { state: { y: Float64Array } } }) => Array.from(i.step(i.init(0, Float64Array.of(1, 2)) as never, 0.1).state.y);
    expect(stepOf(rk4(rhs, 2))).toEqual(stepOf(rk4Integrator(rhs, 2)));
    expect(stepOf(dopri5(rhs, 2))).toEqual(stepOf(dopri5Integrator(rhs, 2)));
    expect(stepOf(verlet(spring, 1))).toEqual(stepOf(verletIntegrator(spring, 1)));
    expect(stepOf(variational(lagrangian, 1, { tolerance: 1e-13 }))).toEqual(stepOf(variationalIntegrator(lagrangian, 1, { tolerance: 1e-13 })));
    expect(rk4(rhs, 2).order).toBe(4);
  });
});
