import { explicitRungeKutta, type RungeKuttaState } from './explicit-runge-kutta';
import type { Integrator } from './integrator';
import type { Rhs } from './problem';
import { DOPRI5, DOPRI5_DENSE } from './tableaus/dopri5';

/**
 * Dormand–Prince 5(4): fifth-order steps with a fourth-order embedded error estimate (for
 * step-size control) and fourth-order dense output (Hairer's continuous extension), so outputs
 * at requested times cost no extra steps.
 *
 * The integrator the `dopri5()` method steps with; for stepping by hand.
 *
 * @example
 * import { dopri5Integrator, type Rhs } from '@lnn/ode';
 * const rhs: Rhs = (t, y, dy) => dy.set(y.map((v) => -v)); // y' = −y
 * const y0 = Float64Array.of(1);
 * const integrator = dopri5Integrator(rhs, y0.length);
 * const { state, error } = integrator.step(integrator.init(0, y0), 0.1);
 * console.log(state.y[0], error); // ≈ e^−0.1 and the local error estimate
 */
export function dopri5Integrator(rhs: Rhs, size: number): Integrator<RungeKuttaState> {
  return explicitRungeKutta(DOPRI5, rhs, size, (from, to, t, out) => {
    const h = to.t - from.t;
    const theta = (t - from.t) / h;
    const k = to.stages as readonly Float64Array[];
    const y0 = from.y;
    const y1 = to.y;
    for (let m = 0; m < out.length; m++) {
      const r1 = y0[m] as number;
      const r2 = (y1[m] as number) - r1;
      const r3 = h * ((k[0] as Float64Array)[m] as number) - r2;
      const r4 = r2 - h * ((k[6] as Float64Array)[m] as number) - r3;
      let d = 0;
      for (let j = 0; j < 7; j++) {
        const dj = DOPRI5_DENSE[j] as number;
        if (dj !== 0) d += dj * ((k[j] as Float64Array)[m] as number);
      }
      const r5 = h * d;
      out[m] = r1 + theta * (r2 + (1 - theta) * (r3 + theta * (r4 + (1 - theta) * r5)));
    }
  });
}
