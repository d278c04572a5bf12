import { toFirstOrder } from '../first-order';
import type { Integrator } from '../integrator';
import { checkKeys, positive, stepBudget } from '../internal/method-options';
import { runFixed } from '../internal/run-fixed';
import type { IntegratorFactory, MethodRun, SolveMethod } from '../method';
import type { Problem } from '../problem';

/** Options of the fixed-step methods ({@link fixedStep}, `rk4`, `verlet`). */
export interface FixedStepOptions {
  /** The step: each output interval is split into equal steps of at most dt. */
  readonly dt: number;
  /** Steps allowed (for the whole batch) before the trajectories stop as `step-limit`. @default 100000 */
  readonly maxSteps?: number;
}

/** Resolves and checks fixed-step options (`where` names the factory). */
export function fixedStepOptions(where: string, options: unknown, extra: readonly string[] = []): Required<FixedStepOptions> & Readonly<Record<string, unknown>> {
  const given = checkKeys(where, options, ['dt', 'maxSteps', ...extra]);
  const dt = positive(where, 'dt', given.dt, 'the step') as number;
  return { ...given, dt, maxSteps: stepBudget(where, given.maxSteps) };
}

/** A fixed-step method from an integrator bound per run: the shared body of `fixedStep`, `rk4`, `verlet`, `variational`. */
export function fixedStepMethod<Options extends Required<FixedStepOptions>>(
  name: string,
  options: Options,
  bind: (run: MethodRun) => Integrator,
  check: (problem: Problem) => void,
  rebuild: (options: Options) => SolveMethod<Options>,
): SolveMethod<Options> {
  const frozen = Object.freeze({ ...options });
  return Object.freeze({
    name,
    options: frozen,
    check,
    run(run: MethodRun) {
      if (run.ids.length === 0) return;
      runFixed(bind(run), run, frozen.dt, frozen.maxSteps);
    },
    with: (changes: Partial<Options>) => rebuild({ ...frozen, ...changes }),
  });
}

/** Binds a user's integrator factory, checking that it returned an Integrator. */
export function bindIntegrator(where: string, factory: IntegratorFactory, run: MethodRun): Integrator {
  const integrator = factory(toFirstOrder(run.problem), run.y0.length, run.problem);
  if (integrator == null || typeof integrator.init !== 'function' || typeof integrator.step !== 'function') {
    throw new TypeError(`${where}: the integrator factory must return an Integrator { name, order, init, step }, received ${integrator === null ? 'null' : typeof integrator}.`);
  }
  return integrator;
}

/**
 * A fixed-step method from your own `Integrator`: `solve` binds it to the problem (`integrator(rhs,
 * size, problem)`, the right-hand side in first-order form) and steps it with equal steps of at
 * most `dt` per output interval, recording outputs, stops and failures like the built-in methods.
 *
 * @throws {TypeError} when `integrator` is not a function or the options are bad.
 * @example
 * import { explicitRungeKutta, fixedStep, solve, type IntegratorFactory, type SecondOrderProblem } from '@lnn/ode';
 * // q̈ = −q from (q, q̇) = (1, 0): q = cos t
 * const oscillator: SecondOrderProblem = { kind: 'second-order', dof: 1, velocityDependent: false, acceleration: (t, q, v, a) => a.set(q.map((x) => -x)) };
 * // Heun's method as your own integrator: any (rhs, size) => Integrator
 * const heun: IntegratorFactory = (rhs, size) => explicitRungeKutta({ name: 'heun', order: 2, c: [0, 1], a: [[], [1]], b: [0.5, 0.5] }, rhs, size);
 * const r = solve(oscillator, [1, 0], [0, 2], fixedStep(heun, { dt: 0.01 }));
 * console.log(r.states[2], r.stats.steps); // ≈ cos 2 = −0.41615, 200
 */
export function fixedStep(integrator: IntegratorFactory, options: FixedStepOptions): SolveMethod<Required<FixedStepOptions>> {
  if (typeof integrator !== 'function') {
    throw new TypeError(`fixedStep: integrator must be a function (rhs, size, problem) => Integrator, such as rk4Integrator, received ${integrator === null ? 'null' : typeof integrator}.`);
  }
  const resolved = fixedStepOptions('fixedStep', options);
  return fixedStepMethod('fixed-step', resolved, (run) => bindIntegrator('fixedStep', integrator, run), () => undefined, (o) => fixedStep(integrator, o));
}
