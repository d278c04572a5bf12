import { splitStates } from './first-order';
import type { Integrator, IntegratorState } from './integrator';
import type { SecondOrderProblem } from './problem';

/** Störmer–Verlet state: also the acceleration at the current positions. */
export interface VerletState extends IntegratorState {
  readonly a: Float64Array;
}

/**
 * Störmer–Verlet (velocity Verlet, "kick–drift–kick"): second order, symplectic and time-reversible
 * for `q̈ = a(q)`, so the energy error of a conservative system stays bounded over long runs.
 * States are `[q, v]` per trajectory. One acceleration evaluation per step.
 *
 * The integrator the `verlet()` method steps with; for stepping by hand.
 *
 * @throws TypeError if the problem declares a velocity-dependent acceleration.
 * @example
 * import { verletIntegrator, type SecondOrderProblem } from '@lnn/ode';
 * // q̈ = −q, independent of v: symplectic stepping applies
 * const problem: SecondOrderProblem = { kind: 'second-order', dof: 1, velocityDependent: false, acceleration: (t, q, v, out) => out.set(q.map((x) => -x)) };
 * const batch = 1;
 * const integrator = verletIntegrator(problem, batch);
 * let s = integrator.init(0, Float64Array.of(1, 0));
 * for (let i = 0; i < 1000; i++) s = integrator.step(s, 0.01).state;
 * const [q = 0, v = 0] = s.y;
 * console.log(0.5 * (q * q + v * v)); // ≈ 0.5: the energy stays bounded
 */
export function verletIntegrator(problem: SecondOrderProblem, batch: number): Integrator<VerletState> {
  if (problem.velocityDependent !== false) {
    throw new TypeError(
      "verletIntegrator: the problem's acceleration may depend on the velocity (set velocityDependent: false if it does not); " +
        'Störmer–Verlet is symplectic only for q̈ = a(q). Use dopri5() or variational() instead.',
    );
  }
  const d = problem.dof;
  const n = batch * d;
  const q = new Float64Array(n);
  const v = new Float64Array(n);
  const accel = (t: number, y: Float64Array, out: Float64Array) => {
    splitStates(y, d, q, v);
    problem.acceleration(t, q, v, out);
  };
  return {
    name: 'verlet',
    order: 2,
    init(t0, y0) {
      const a = new Float64Array(n);
      accel(t0, y0, a);
      return { t: t0, y: Float64Array.from(y0), a };
    },
    step(state, h) {
      const y = Float64Array.from(state.y);
      for (let b = 0; b < batch; b++) {
        for (let i = 0; i < d; i++) {
          const qi = b * 2 * d + i;
          const vi = qi + d;
          y[vi] = (y[vi] as number) + 0.5 * h * (state.a[b * d + i] as number);
          y[qi] = (y[qi] as number) + h * (y[vi] as number);
        }
      }
      const a = new Float64Array(n);
      accel(state.t + h, y, a);
      for (let b = 0; b < batch; b++) {
        for (let i = 0; i < d; i++) {
          const vi = b * 2 * d + d + i;
          y[vi] = (y[vi] as number) + 0.5 * h * (a[b * d + i] as number);
        }
      }
      return { state: { t: state.t + h, y, a }, evaluations: 1 };
    },
  };
}
