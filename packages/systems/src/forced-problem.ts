import type { SecondOrderProblem } from '@lnn/ode';
import { compileControlInput } from './control-input';
import type { NonConservativeSystem } from './non-conservative-system';
import type { ControlInput } from './signal';

/**
 * A non-conservative system under a control input as an `@lnn/ode` second-order problem with a
 * time-dependent right-hand side: `q̈ = forcedAcceleration(t, q, v, u(t))` (for `rk4()` and
 * `dopri5()`; `verlet()` refuses it, the acceleration depends on v). Without `input`, u ≡ 0.
 *
 * @example
 * import { dopri5, solve } from '@lnn/ode';
 * import { drivenPendulum, forcedProblem, sinusoid } from '@lnn/systems';
 * const p = drivenPendulum();
 * const forcing = sinusoid({ amplitude: 1.15, frequency: 2 / 3 });
 * const r = solve(forcedProblem(p, { input: forcing }), [0.2, 0], [0, 10, 20], dopri5({ rtol: 1e-10, atol: 1e-10 }));
 * console.log(r.ok, r.states.subarray(4)); // true ≈ [1.44, 1.76]: (θ, θ̇) at t = 20
 */
export function forcedProblem(system: NonConservativeSystem, options: { readonly input?: ControlInput } = {}): SecondOrderProblem {
  const where = 'forcedProblem';
  if (typeof system?.forcedAcceleration !== 'function') {
    throw new TypeError(`${where}: system must be a NonConservativeSystem (with forcedAcceleration), received ${String(system?.name ?? system)}; use secondOrderProblem for a conservative one.`);
  }
  const d = system.dof;
  const input = compileControlInput(options.input, system.controls, where);
  const u = new Float64Array(system.controls);
  return {
    kind: 'second-order',
    dof: d,
    velocityDependent: true,
    acceleration(t, q, v, out) {
      input(t, u);
      const batch = q.length / d;
      for (let b = 0; b < batch; b++) {
        system.forcedAcceleration(t, q.subarray(b * d, (b + 1) * d), v.subarray(b * d, (b + 1) * d), u, out.subarray(b * d, (b + 1) * d));
      }
    },
  };
}
