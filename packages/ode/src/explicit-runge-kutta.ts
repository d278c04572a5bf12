import type { Integrator, IntegratorState, Step } from './integrator';
import type { Rhs } from './problem';
import type { ButcherTableau } from './tableau';

/** State of an explicit Runge–Kutta method: for FSAL tableaus, also `f(t, y)` and the last stages. */
export interface RungeKuttaState extends IntegratorState {
  /** f(t, y), carried over by FSAL methods. */
  readonly f?: Float64Array;
  /** The stages of the step that produced this state (dense output uses them). */
  readonly stages?: readonly Float64Array[];
}

/**
 * An explicit Runge–Kutta integrator from a Butcher tableau, for `size` components (`B·dim`).
 *
 * @example
 * import { explicitRungeKutta, RK4, type Rhs } from '@lnn/ode';
 * const rhs: Rhs = (t, y, dy) => dy.set(y.map((v) => -v)); // y' = −y
 * const y0 = Float64Array.of(1);
 * const integrator = explicitRungeKutta(RK4, rhs, y0.length);
 * let s = integrator.init(0, y0);
 * for (let i = 0; i < 10; i++) s = integrator.step(s, 0.1).state;
 * console.log(s.t, s.y[0]); // ≈ 1 0.3678798 (e⁻¹ = 0.3678794…)
 */
export function explicitRungeKutta(
  tableau: ButcherTableau,
  rhs: Rhs,
  size: number,
  interpolate?: Integrator<RungeKuttaState>['interpolate'],
): Integrator<RungeKuttaState> {
  const stages = tableau.b.length;
  const work = new Float64Array(size);
  return {
    name: tableau.name,
    order: tableau.order,
    ...(tableau.embeddedOrder === undefined ? {} : { embeddedOrder: tableau.embeddedOrder }),
    ...(interpolate === undefined ? {} : { interpolate }),
    init(t0, y0) {
      if (!tableau.fsal) return { t: t0, y: Float64Array.from(y0) };
      const f = new Float64Array(size);
      rhs(t0, y0, f);
      return { t: t0, y: Float64Array.from(y0), f };
    },
    step(state, h): Step<RungeKuttaState> {
      const { t, y } = state;
      const k: Float64Array[] = [];
      let evaluations = 0;
      const first = state.f ?? new Float64Array(size);
      if (state.f === undefined) {
        rhs(t, y, first);
        evaluations++;
      }
      k.push(first);
      const yNew = new Float64Array(size);
      for (let i = 1; i < stages; i++) {
        const row = tableau.a[i] as readonly number[];
        const target = tableau.fsal && i === stages - 1 ? yNew : work;
        for (let m = 0; m < size; m++) {
          let s = 0;
          for (let j = 0; j < i; j++) {
            const aij = row[j] as number;
            if (aij !== 0) s += aij * ((k[j] as Float64Array)[m] as number);
          }
          target[m] = (y[m] as number) + h * s;
        }
        const ki = new Float64Array(size);
        rhs(t + (tableau.c[i] as number) * h, target, ki);
        evaluations++;
        k.push(ki);
      }
      if (!tableau.fsal) {
        for (let m = 0; m < size; m++) {
          let s = 0;
          for (let j = 0; j < stages; j++) s += (tableau.b[j] as number) * ((k[j] as Float64Array)[m] as number);
          yNew[m] = (y[m] as number) + h * s;
        }
      }
      let error: Float64Array | undefined;
      if (tableau.e !== undefined) {
        error = new Float64Array(size);
        for (let m = 0; m < size; m++) {
          let s = 0;
          for (let j = 0; j < stages; j++) {
            const ej = tableau.e[j] as number;
            if (ej !== 0) s += ej * ((k[j] as Float64Array)[m] as number);
          }
          error[m] = h * s;
        }
      }
      const next: RungeKuttaState = tableau.fsal
        ? { t: t + h, y: yNew, f: k[stages - 1] as Float64Array, stages: k }
        : { t: t + h, y: yNew, stages: k };
      return error === undefined ? { state: next, evaluations } : { state: next, error, evaluations };
    },
  };
}
