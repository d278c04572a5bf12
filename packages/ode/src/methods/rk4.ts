import type { RungeKuttaState } from '../explicit-runge-kutta';
import type { Integrator } from '../integrator';
import type { SolveMethod } from '../method';
import type { Rhs } from '../problem';
import { rk4Integrator } from '../rk4';
import { bindIntegrator, fixedStepMethod, fixedStepOptions, type FixedStepOptions } from './fixed-step';

/**
 * The classical fourth-order Runge–Kutta method with fixed steps of at most `dt` per output
 * interval: cheap rollouts. Takes every kind of problem.
 *
 * @throws {TypeError} on a dt that is not a finite number > 0, a bad maxSteps or an unknown option.
 * @example
 * import { rk4, solve, type SecondOrderProblem } from '@lnn/ode';
 * // q̈ = −q from (q, q̇) = (1, 0): q = cos t
 * const oscillator: SecondOrderProblem = { kind: 'second-order', dof: 1, velocityDependent: false, acceleration: (t, q, v, a) => a.set(q.map((x) => -x)) };
 * const r = solve(oscillator, [1, 0, 0, 1], [0, 1, 2], rk4({ dt: 0.01 })); // two trajectories
 * console.log(r.states.length, r.states[8], rk4({ dt: 0.01 }).options); // 12 ≈ cos 2 = −0.41615 { dt: 0.01, maxSteps: 100000 }
 */
export function rk4(options: FixedStepOptions): SolveMethod<Required<FixedStepOptions>>;
/** @deprecated The integrator is `rk4Integrator(rhs, size)`; `rk4({ dt })` is the method for `solve`. */
export function rk4(rhs: Rhs, size: number): Integrator<RungeKuttaState>;
export function rk4(options: FixedStepOptions | Rhs, size?: number): SolveMethod<Required<FixedStepOptions>> | Integrator<RungeKuttaState> {
  if (typeof options === 'function') return rk4Integrator(options, size as number);
  const resolved = fixedStepOptions('rk4', options);
  return fixedStepMethod('rk4', resolved, (run) => bindIntegrator('rk4', rk4Integrator, run), () => undefined, (o) => rk4(o));
}
