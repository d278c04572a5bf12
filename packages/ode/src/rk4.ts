import { explicitRungeKutta, type RungeKuttaState } from './explicit-runge-kutta';
import type { Integrator } from './integrator';
import type { Rhs } from './problem';
import { RK4 } from './tableaus/rk4';

/**
 * The classical fourth-order Runge–Kutta integrator for `size` components — what the `rk4()`
 * method steps with; for stepping by hand, or `fixedStep`.
 *
 * @example
 * const integrator = rk4Integrator(rhs, y0.length);
 * let s = integrator.init(0, y0); s = integrator.step(s, 0.01).state;
 */
export function rk4Integrator(rhs: Rhs, size: number): Integrator<RungeKuttaState> {
  return explicitRungeKutta(RK4, rhs, size);
}
