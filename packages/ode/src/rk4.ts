import { explicitRungeKutta, type RungeKuttaState } from './explicit-runge-kutta';
import type { Integrator } from './integrator';
import type { Rhs } from './problem';
import { RK4 } from './tableaus/rk4';

/**
 * The classical fourth-order Runge–Kutta method, fixed step, for `size` components.
 *
 * @example
 * import { rk4, type Rhs } from '@lnn/ode';
 * const rhs: Rhs = (t, y, dy) => dy.set(y.map((v) => -v)); // y' = −y, for a batch of two
 * const y0 = Float64Array.of(1, 2);
 * const method = rk4(rhs, y0.length);
 * const { state } = method.step(method.init(0, y0), 0.1);
 * console.log(state.y); // ≈ e^−0.1 · [1, 2]
 */
export function rk4(rhs: Rhs, size: number): Integrator<RungeKuttaState> {
  return explicitRungeKutta(RK4, rhs, size);
}
