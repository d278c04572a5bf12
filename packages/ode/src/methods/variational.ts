import type { Integrator } from '../integrator';
import type { SolveMethod } from '../method';
import type { LagrangianProblem } from '../problem';
import { variationalIntegrator, type VariationalOptions, type VariationalState } from '../variational';
import { fixedStepMethod, fixedStepOptions, type FixedStepOptions } from './fixed-step';

/** Options of the {@link variational} method. */
export interface VariationalMethodOptions extends FixedStepOptions {
  /** Newton's tolerance and iteration limit. @default { tolerance: 1e-12, maxIterations: 50 } */
  readonly newton?: VariationalOptions;
}

function checkNewton(newton: unknown): VariationalOptions | undefined {
  if (newton === undefined) return undefined;
  if (newton === null || typeof newton !== 'object') throw new TypeError(`variational: options.newton must be { tolerance?, maxIterations? }, received ${JSON.stringify(newton)}.`);
  const { tolerance, maxIterations, ...rest } = newton as VariationalOptions & Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) throw new TypeError(`variational: unknown option 'newton.${unknown}'; expected 'tolerance', 'maxIterations'.`);
  if (tolerance !== undefined && !(typeof tolerance === 'number' && tolerance > 0 && Number.isFinite(tolerance))) {
    throw new TypeError(`variational: options.newton.tolerance must be a finite number > 0, received ${String(tolerance)}.`);
  }
  if (maxIterations !== undefined && !(Number.isInteger(maxIterations) && maxIterations > 0)) {
    throw new TypeError(`variational: options.newton.maxIterations must be a positive integer, received ${String(maxIterations)}.`);
  }
  return { ...(tolerance === undefined ? {} : { tolerance }), ...(maxIterations === undefined ? {} : { maxIterations }) };
}

/**
 * The variational integrator with fixed steps of at most `dt`: the midpoint discrete
 * Euler–Lagrange equations, solved by Newton — second order and symplectic for any Lagrangian
 * (a `'lagrangian'` problem, given by its gradient and Hessian).
 *
 * @throws {TypeError} on bad options; `solve` throws when the problem is not a Lagrangian one.
 * @example
 * import { solve, variational, type LagrangianProblem } from '@lnn/ode';
 * // the harmonic oscillator L = v²/2 − q²/2
 * const oscillator: LagrangianProblem = {
 *   kind: 'lagrangian',
 *   dof: 1,
 *   gradient: (q, v, dq, dv) => {
 *     dq[0] = -q[0]!;
 *     dv[0] = v[0]!;
 *   },
 *   hessian: (_q, _v, hqq, hqv, hvv) => {
 *     hqq[0] = -1;
 *     hqv[0] = 0;
 *     hvv[0] = 1;
 *   },
 * };
 * const r = solve(oscillator, [1, 0], [0, 100], variational({ dt: 0.01, newton: { tolerance: 1e-13 } }));
 * const [q = 0, v = 0] = r.states.subarray(2);
 * console.log(0.5 * (q * q + v * v)); // ≈ 0.5: the energy stays bounded
 */
export function variational(options: VariationalMethodOptions): SolveMethod<Required<FixedStepOptions> & { readonly newton?: VariationalOptions }>;
/** @deprecated The integrator is `variationalIntegrator(problem, batch, newton)`; `variational({ dt, newton })` is the method for `solve`. */
export function variational(problem: LagrangianProblem, batch: number, options?: VariationalOptions): Integrator<VariationalState>;
export function variational(
  options: VariationalMethodOptions | LagrangianProblem,
  batch?: number,
  newtonOptions?: VariationalOptions,
): SolveMethod<Required<FixedStepOptions> & { readonly newton?: VariationalOptions }> | Integrator<VariationalState> {
  if (typeof batch === 'number') return variationalIntegrator(options as LagrangianProblem, batch, newtonOptions);
  const { newton: given, ...rest } = fixedStepOptions('variational', options, ['newton']);
  const newton = checkNewton(given);
  const resolved = { ...(rest as Required<FixedStepOptions>), ...(newton === undefined ? {} : { newton }) };
  return fixedStepMethod(
    'variational',
    resolved,
    (run) => variationalIntegrator(run.problem as LagrangianProblem, run.ids.length, newton),
    (problem) => {
      if (problem.kind !== 'lagrangian') throw new TypeError(`variational: needs a lagrangian problem (its gradient and Hessian), received a ${problem.kind} problem.`);
    },
    (o) => variational(o),
  );
}
