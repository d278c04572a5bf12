import { explicitRungeKutta, type RungeKuttaState } from './explicit-runge-kutta';
import type { Integrator } from './integrator';
import type { Rhs } from './problem';
import { BS23 } from './tableaus/bs23';

/**
 * Bogacki–Shampine 3(2): third-order steps with a second-order embedded error estimate, and
 * third-order dense output — the cubic Hermite interpolant of the two ends and their slopes, which
 * the FSAL pair carries for free. The integrator the `bs23()` method steps with.
 *
 * @example
 * import { bs23Integrator, type Rhs } from '@lnn/ode';
 * const rhs: Rhs = (t, y, dy) => dy.set(y.map((v) => -v)); // y' = −y
 * const y0 = Float64Array.of(1);
 * const integrator = bs23Integrator(rhs, y0.length);
 * const { state, error } = integrator.step(integrator.init(0, y0), 0.1);
 * console.log(state.y[0], error); // 0.904833 (e^−0.1 = 0.904837: one third-order step) and the error estimate, ≈ 1.9e-5
 */
export function bs23Integrator(rhs: Rhs, size: number): Integrator<RungeKuttaState> {
  return explicitRungeKutta(BS23, rhs, size, (from, to, t, out) => {
    const h = to.t - from.t;
    const s = (t - from.t) / h;
    const [f0, f1] = [from.f as Float64Array, to.f as Float64Array];
    // Hermite basis: h00 = (1 + 2s)(1 − s)², h10 = s(1 − s)², h01 = s²(3 − 2s), h11 = s²(s − 1).
    const [h00, h10, h01, h11] = [(1 + 2 * s) * (1 - s) ** 2, s * (1 - s) ** 2, s * s * (3 - 2 * s), s * s * (s - 1)];
    for (let m = 0; m < out.length; m++) {
      out[m] = h00 * (from.y[m] as number) + h * h10 * (f0[m] as number) + h01 * (to.y[m] as number) + h * h11 * (f1[m] as number);
    }
  });
}
