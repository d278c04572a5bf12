import type { Integrator } from '../integrator';
import type { SolveMethod } from '../method';
import type { SecondOrderProblem } from '../problem';
import { verletIntegrator, type VerletState } from '../verlet';
import { fixedStepMethod, fixedStepOptions, type FixedStepOptions } from './fixed-step';

/**
 * Störmer–Verlet with fixed steps of at most `dt`: second order, symplectic — the energy error of
 * a conservative system stays bounded — for second-order problems `q̈ = a(q)` (declared with
 * `velocityDependent: false`).
 *
 * @throws {TypeError} on bad options; `solve` throws when the problem is not such a problem.
 * @example
 * import { solve, verlet, type SecondOrderProblem } from '@lnn/ode';
 * // q̈ = −q from (q, q̇) = (1, 0): q = cos t
 * const oscillator: SecondOrderProblem = { kind: 'second-order', dof: 1, velocityDependent: false, acceleration: (t, q, v, a) => a.set(q.map((x) => -x)) };
 * const r = solve(oscillator, [1, 0], [0, 100], verlet({ dt: 0.01 }));
 * const [q = 0, v = 0] = r.states.subarray(2);
 * console.log(0.5 * (q * q + v * v)); // ≈ 0.5: the energy stays bounded
 */
export function verlet(options: FixedStepOptions): SolveMethod<Required<FixedStepOptions>>;
/** @deprecated The integrator is `verletIntegrator(problem, batch)`; `verlet({ dt })` is the method for `solve`. */
export function verlet(problem: SecondOrderProblem, batch: number): Integrator<VerletState>;
export function verlet(options: FixedStepOptions | SecondOrderProblem, batch?: number): SolveMethod<Required<FixedStepOptions>> | Integrator<VerletState> {
  if (typeof batch === 'number') return verletIntegrator(options as SecondOrderProblem, batch);
  const resolved = fixedStepOptions('verlet', options);
  return fixedStepMethod(
    'verlet',
    resolved,
    (run) => verletIntegrator(run.problem as SecondOrderProblem, run.ids.length),
    (problem) => {
      if (problem.kind !== 'second-order') throw new TypeError(`verlet: needs a second-order problem q̈ = a(q), received a ${problem.kind} problem.`);
      if (problem.velocityDependent !== false) {
        throw new TypeError(
          "verlet: needs an acceleration independent of the velocity (the problem's velocityDependent: false); Störmer–Verlet is symplectic only for q̈ = a(q). Use dopri5() or variational() instead.",
        );
      }
    },
    (o) => verlet(o),
  );
}
