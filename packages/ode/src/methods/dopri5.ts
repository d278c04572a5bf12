import { dopri5Integrator } from '../dopri5';
import type { RungeKuttaState } from '../explicit-runge-kutta';
import type { Integrator } from '../integrator';
import type { SolveMethod } from '../method';
import type { Rhs } from '../problem';
import { embeddedMethod, type EmbeddedRungeKuttaOptions, type ResolvedEmbeddedOptions } from './embedded-runge-kutta';

/**
 * Dormand–Prince 5(4), the workhorse and `solve`'s default: fifth-order steps sized by a
 * fourth-order error estimate to meet `rtol` / `atol`, outputs from its fourth-order dense
 * output; or fixed steps of at most `dt` with `adaptive: false`.
 *
 * @throws {TypeError} on a tolerance or step that is not a finite number > 0, a bad batching,
 *   adaptive or maxSteps, an unknown option, or `adaptive: false` without `dt`.
 * @example
 * import { dopri5, solve, type SecondOrderProblem } from '@lnn/ode';
 * // q̈ = −q from (q, q̇) = (1, 0): q = cos t
 * const oscillator: SecondOrderProblem = { kind: 'second-order', dof: 1, velocityDependent: false, acceleration: (t, q, v, a) => a.set(q.map((x) => -x)) };
 * const adaptive = solve(oscillator, [1, 0], [0, 2], dopri5({ rtol: 1e-10, atol: 1e-10 }));
 * const fixed = solve(oscillator, [1, 0], [0, 2], dopri5({ adaptive: false, dt: 0.05 }));
 * console.log(adaptive.states[2], fixed.states[2]); // both ≈ cos 2 = −0.41615
 */
export function dopri5(options?: EmbeddedRungeKuttaOptions): SolveMethod<ResolvedEmbeddedOptions>;
/** @deprecated The integrator is `dopri5Integrator(rhs, size)`; `dopri5({ rtol, atol })` is the method for `solve`. */
export function dopri5(rhs: Rhs, size: number): Integrator<RungeKuttaState>;
export function dopri5(options?: EmbeddedRungeKuttaOptions | Rhs, size?: number): SolveMethod<ResolvedEmbeddedOptions> | Integrator<RungeKuttaState> {
  if (typeof options === 'function') return dopri5Integrator(options, size as number);
  return embeddedMethod('dopri5', dopri5Integrator, options);
}
