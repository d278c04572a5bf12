import type { Tracker } from './internal/tracker';
import type { Integrator } from './integrator';
import type { Problem, Rhs } from './problem';

/** Steps a method may take per trajectory (shared batches: per batch) unless its `maxSteps` says otherwise. */
export const DEFAULT_MAX_STEPS = 100_000;

/**
 * What `solve` hands a method: the problem, the running trajectories (`ids`, their initial states
 * `y0` back to back in that order), the output times and the tracker that records outputs,
 * stops and counters. Built by `solve`; methods come from the factories (`rk4`, `dopri5`, `bs23`,
 * `verlet`, `variational`, `embeddedRungeKutta`, `fixedStep`).
 */
export interface MethodRun {
  readonly problem: Problem;
  readonly tracker: Tracker;
  readonly ids: number[];
  readonly y0: Float64Array;
  readonly times: Float64Array;
  readonly batch: number;
  readonly dim: number;
}

/**
 * An integration method for `solve`, as a value: its name, its options (defaults filled in by the
 * factory), which problems it takes (`check`) and how it runs (`run`). `with` gives the same
 * method with some options changed.
 *
 * @example
 * import { dopri5, solve, type SecondOrderProblem, type SolveMethod } from '@lnn/ode';
 * // q̈ = −q from (q, q̇) = (1, 0): q = cos t
 * const oscillator: SecondOrderProblem = { kind: 'second-order', dof: 1, velocityDependent: false, acceleration: (t, q, v, a) => a.set(q.map((x) => -x)) };
 * const method: SolveMethod = dopri5({ rtol: 1e-10, atol: 1e-10 });
 * const shared = dopri5({ rtol: 1e-10, atol: 1e-10 }).with({ batching: 'shared' });
 * const [a, b] = [solve(oscillator, [1, 0, 0, 1], [0, 1], method), solve(oscillator, [1, 0, 0, 1], [0, 1], shared)];
 * console.log(method.name, a.states[4], b.states[4]); // dopri5 ≈ 0.5403 ≈ 0.5403 (cos 1)
 */
export interface SolveMethod<Options extends object = object> {
  readonly name: string;
  readonly options: Readonly<Options>;
  /** Throws a TypeError, naming the method, if it cannot integrate this problem. */
  check(problem: Problem): void;
  /** Integrates the running trajectories of `run`, recording into its tracker. */
  run(run: MethodRun): void;
  /** The same method with `changes` applied to its options (checked as the factory checks them). */
  with(changes: Partial<Options>): SolveMethod<Options>;
}

/**
 * Binds an integrator to a problem: called with the problem's first-order right-hand side, the
 * number of components (`B·dim`) and the problem itself (for integrators that need more than the
 * right-hand side). `rk4Integrator`, `dopri5Integrator` and `bs23Integrator` are of this shape,
 * and so is `(rhs, size) => explicitRungeKutta(MY_TABLEAU, rhs, size)`.
 */
export type IntegratorFactory = (rhs: Rhs, size: number, problem: Problem) => Integrator;
