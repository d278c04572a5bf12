import { bs23Integrator } from '../bs23';
import type { SolveMethod } from '../method';
import { embeddedMethod, type EmbeddedRungeKuttaOptions, type ResolvedEmbeddedOptions } from './embedded-runge-kutta';

/**
 * Bogacki–Shampine 3(2) (MATLAB's ode23): third-order steps sized by a second-order error
 * estimate, third-order (Hermite) dense output. Cheaper per step than `dopri5` (three new stages
 * instead of six) and the better choice at loose tolerances; the same options.
 *
 * @throws {TypeError} as `dopri5`.
 * @example
 * import { bs23, solve, type SecondOrderProblem } from '@lnn/ode';
 * // q̈ = −q from (q, q̇) = (1, 0): q = cos t
 * const oscillator: SecondOrderProblem = { kind: 'second-order', dof: 1, velocityDependent: false, acceleration: (t, q, v, a) => a.set(q.map((x) => -x)) };
 * const r = solve(oscillator, [1, 0], [0, 1, 2], bs23({ rtol: 1e-6, atol: 1e-8 }));
 * console.log(r.states[2], r.states[4], r.stats.steps); // ≈ cos 1 = 0.5403, cos 2 = −0.4161, and the steps it took
 */
export function bs23(options?: EmbeddedRungeKuttaOptions): SolveMethod<ResolvedEmbeddedOptions> {
  return embeddedMethod('bs23', bs23Integrator, options);
}
