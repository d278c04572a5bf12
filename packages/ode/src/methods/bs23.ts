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
 * solve(problem, y0, times, bs23({ rtol: 1e-4, atol: 1e-6 }));
 */
export function bs23(options?: EmbeddedRungeKuttaOptions): SolveMethod<ResolvedEmbeddedOptions> {
  return embeddedMethod('bs23', bs23Integrator, options);
}
