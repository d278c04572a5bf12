import { explicitRungeKutta, type RungeKuttaState } from './explicit-runge-kutta';
import type { Integrator } from './integrator';
import type { Rhs } from './problem';
import { RK4 } from './tableaus/rk4';

/**
 * The classical fourth-order Runge–Kutta integrator for `size` components — what the `rk4()`
 * method steps with; for stepping by hand, or `fixedStep`.
 *
 * @example
 * import { rk4Integrator, type Rhs } from '@lnn/ode';
 * const rhs: Rhs = (t, y, dy) => dy.set(y.map((v) => -v)); // y' = −y, for a batch of two
 * const y0 = Float64Array.of(1, 2);
 * const integrator = rk4Integrator(rhs, y0.length);
 * const { state } = integrator.step(integrator.init(0, y0), 0.1);
 * console.log(state.y); // ≈ e^−0.1 · [1, 2]
 */
export function rk4Integrator(rhs: Rhs, size: number): Integrator<RungeKuttaState> {
  return explicitRungeKutta(RK4, rhs, size);
}
