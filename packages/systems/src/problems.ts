import type { LagrangianProblem, SecondOrderProblem } from '@lnn/ode';
import type { MechanicalSystem } from './system';

/**
 * The system's equations of motion as an `@lnn/ode` second-order problem (for `rk4()`, `dopri5()`,
 * and — when `velocityDependent` is false, as for the wave equation — `verlet()`).
 *
 * @example
 * import { dopri5, solve } from '@lnn/ode';
 * import { doublePendulum, secondOrderProblem } from '@lnn/systems';
 * const y0 = [0.3, -0.2, 0, 0]; // [θ₁, θ₂, ω₁, ω₂]
 * const times = [0, 0.5, 1];
 * const r = solve(secondOrderProblem(doublePendulum()), y0, times, dopri5({ rtol: 1e-10, atol: 1e-10 }));
 * console.log(r.ok, r.states.subarray(8)); // true, the state at t = 1
 */
export function secondOrderProblem(system: MechanicalSystem, options: { velocityDependent?: boolean } = {}): SecondOrderProblem {
  const d = system.dof;
  return {
    kind: 'second-order',
    dof: d,
    velocityDependent: options.velocityDependent ?? true,
    acceleration(_t, q, v, out) {
      const batch = q.length / d;
      for (let b = 0; b < batch; b++) {
        system.acceleration(q.subarray(b * d, (b + 1) * d), v.subarray(b * d, (b + 1) * d), out.subarray(b * d, (b + 1) * d));
      }
    },
  };
}

/** The system's Lagrangian as an `@lnn/ode` problem, for the variational integrator. */
export function lagrangianProblem(system: MechanicalSystem): LagrangianProblem {
  return {
    kind: 'lagrangian',
    dof: system.dof,
    gradient: (q, v, dq, dv) => system.lagrangianGradient(q, v, dq, dv),
    hessian: (q, v, hqq, hqv, hvv) => system.lagrangianHessian(q, v, hqq, hqv, hvv),
  };
}

/** Accelerations of a batch of `[q, v]` states (`[B, 2d]` → `[B, d]`). */
export function accelerations(system: MechanicalSystem, states: Float64Array, out = new Float64Array(states.length / 2)): Float64Array {
  const d = system.dof;
  const batch = states.length / (2 * d);
  for (let b = 0; b < batch; b++) {
    const o = 2 * d * b;
    system.acceleration(states.subarray(o, o + d), states.subarray(o + d, o + 2 * d), out.subarray(b * d, (b + 1) * d));
  }
  return out;
}

/** Energies of a batch of `[q, v]` states (`[B, 2d]` → `[B]`). */
export function energies(system: MechanicalSystem, states: Float64Array): Float64Array {
  const d = system.dof;
  const batch = states.length / (2 * d);
  const out = new Float64Array(batch);
  for (let b = 0; b < batch; b++) {
    const o = 2 * d * b;
    out[b] = system.energy(states.subarray(o, o + d), states.subarray(o + d, o + 2 * d));
  }
  return out;
}
