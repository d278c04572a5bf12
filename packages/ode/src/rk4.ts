import { explicitRungeKutta, type RungeKuttaState } from './explicit-runge-kutta';
import type { Integrator } from './integrator';
import type { Rhs } from './problem';
import { RK4 } from './tableaus/rk4';

/**
 * The classical fourth-order Runge–Kutta method, fixed step, for `size` components.
 *
 * @example
 * const method = rk4(rhs, y0.length);
 */
export function rk4(rhs: Rhs, size: number): Integrator<RungeKuttaState> {
  return explicitRungeKutta(RK4, rhs, size);
}
