import { methodFromOptions } from './internal/legacy-options';
import { createTracker, describe, gather, record, type StopFn, type TrajectoryStatus } from './internal/tracker';
import type { SolveMethod } from './method';
import { dopri5 } from './methods/dopri5';
import type { VariationalOptions } from './variational';
import { stateDim, type Problem } from './problem';

export type { TrajectoryStatus } from './internal/tracker';

/**
 * The method names of the deprecated options form.
 *
 * @deprecated Methods are values now: `rk4({ dt })`, `dopri5({ rtol, atol })`, `bs23(…)`, `verlet({ dt })`, `variational({ dt })`.
 */
export type Method = 'rk4' | 'dopri5' | 'verlet' | 'variational';

/**
 * Options of {@link solve}: `stop`. The other fields are the deprecated way of choosing the method
 * (`{ method: 'dopri5', rtol, atol }` → `dopri5({ rtol, atol })`), still read when no method value
 * is given.
 */
export interface SolveOptions {
  /**
   * Asked after every accepted step, for each trajectory still running, with its time and state
   * (`dim` numbers; valid during the call only): a string stops that trajectory with status
   * `'stopped'` and that string as its reason (`SolveResult.reasons`). Use it to drop trajectories
   * that have left any plausible range — a learned model's diverging rollout, say — so that they
   * stop setting the shared step of the others.
   */
  readonly stop?: StopFn;
  /** @deprecated Pass a method value: `rk4({ dt })`, `dopri5({ … })`, `verlet({ dt })`, `variational({ dt })`. */
  readonly method?: Method;
  /** @deprecated `dopri5({ rtol })` */
  readonly rtol?: number;
  /** @deprecated `dopri5({ atol })` */
  readonly atol?: number;
  /** @deprecated the method's `dt`: `rk4({ dt })`, `dopri5({ dt })`, … */
  readonly dt?: number;
  /** @deprecated `dopri5({ adaptive })` */
  readonly adaptive?: boolean;
  /** @deprecated `dopri5({ batching })` */
  readonly batching?: 'independent' | 'shared';
  /** @deprecated the method's `maxSteps`: `dopri5({ maxSteps })`, `rk4({ dt, maxSteps })`, … */
  readonly maxSteps?: number;
  /** @deprecated `variational({ dt, newton })` */
  readonly newton?: VariationalOptions;
}

/** Counters of the work done. */
export interface SolveStats {
  /** Accepted steps (summed over independently stepped trajectories). */
  readonly steps: number;
  /** Rejected adaptive steps. */
  readonly rejected: number;
  /** Calls of the right-hand side (or of the Lagrangian's gradient, for `variational`). */
  readonly evaluations: number;
}

/** What {@link solve} returns. */
export interface SolveResult {
  /** The requested times. */
  readonly times: Float64Array;
  /** `[T, B, dim]`: the state of every trajectory at every requested time; NaN where not reached. */
  readonly states: Float64Array;
  readonly batch: number;
  readonly dim: number;
  /** Per trajectory. */
  readonly status: readonly TrajectoryStatus[];
  /** Per trajectory, how many of the requested times were reached (T when it succeeded). */
  readonly reached: Int32Array;
  /** Per trajectory, the time at which it stopped (NaN when it succeeded). */
  readonly stoppedAt: Float64Array;
  /** Per trajectory, why `options.stop` stopped it (undefined otherwise). */
  readonly reasons: readonly (string | undefined)[];
  /** True when every trajectory succeeded. */
  readonly ok: boolean;
  /** A sentence describing the failures ('' when ok). */
  readonly message: string;
  readonly stats: SolveStats;
}

const LEGACY_KEYS = ['method', 'rtol', 'atol', 'dt', 'adaptive', 'batching', 'maxSteps', 'newton'] as const;

/** Whether `value` is a method value (it carries how it runs). */
function isMethod(value: unknown): value is SolveMethod {
  return value !== null && typeof value === 'object' && typeof (value as SolveMethod).run === 'function';
}

/** The method and the stop of a call, from either form. */
function methodAndStop(methodOrOptions: SolveMethod | SolveOptions | undefined, options: SolveOptions | undefined): { method: SolveMethod; stop: StopFn | undefined } {
  if (methodOrOptions !== undefined && methodOrOptions !== null && typeof methodOrOptions === 'object' && !isMethod(methodOrOptions)) {
    if (options !== undefined) throw new TypeError('solve: the deprecated options form (an object in place of the method) takes no fifth argument; pass a method value, e.g. solve(problem, y0, times, dopri5({ rtol }), { stop }).');
    return { method: methodFromOptions(methodOrOptions), stop: methodOrOptions.stop };
  }
  if (methodOrOptions !== undefined && !isMethod(methodOrOptions)) {
    throw new TypeError(`solve: method must be a method value such as dopri5({ rtol, atol }), rk4({ dt }) or bs23(), received ${methodOrOptions === null ? 'null' : typeof methodOrOptions}.`);
  }
  if (options !== undefined && (options === null || typeof options !== 'object')) throw new TypeError(`solve: options must be { stop? }, received ${String(options)}.`);
  const legacy = LEGACY_KEYS.find((key) => options?.[key] !== undefined);
  if (legacy !== undefined) throw new TypeError(`solve: options.${legacy} belongs to the method now; pass it to the method value (e.g. dopri5({ ${legacy === 'method' ? 'rtol' : legacy} })), not in solve's options.`);
  return { method: methodOrOptions ?? dopri5(), stop: options?.stop };
}

function checkArguments(problem: Problem, y0: ArrayLike<number>, times: ArrayLike<number>, method: SolveMethod, stop: unknown): number {
  if (problem == null || !['first-order', 'second-order', 'lagrangian'].includes((problem as Problem).kind)) {
    throw new TypeError(`solve: problem must have kind 'first-order', 'second-order' or 'lagrangian', received ${String((problem as Problem)?.kind)}.`);
  }
  const dim = stateDim(problem);
  if (!Number.isInteger(dim) || dim < 1) throw new TypeError(`solve: the problem's dimension must be a positive integer, received ${dim}.`);
  if (y0 == null || y0.length === 0 || y0.length % dim !== 0) {
    throw new TypeError(`solve: y0 must hold whole states of ${dim} components (B·${dim} numbers), received ${y0?.length} numbers.`);
  }
  if (times == null || times.length < 1) throw new TypeError('solve: times must hold at least one time (the first is the initial time).');
  for (let i = 0; i < times.length; i++) {
    if (!Number.isFinite(times[i] as number)) throw new TypeError(`solve: times[${i}] is ${times[i]}, expected a finite number.`);
    if (i > 0 && !((times[i] as number) > (times[i - 1] as number))) {
      throw new TypeError(`solve: times must increase strictly; times[${i}] = ${times[i]} follows ${times[i - 1]}.`);
    }
  }
  method.check(problem);
  if (stop !== undefined && typeof stop !== 'function') {
    throw new TypeError(`solve: options.stop must be a function (t, state, trajectory) => reason | undefined, received ${typeof stop}.`);
  }
  return dim;
}

/**
 * Integrates a problem from a batch of initial states and returns the states at the requested
 * times, with per-trajectory status and work statistics. The one entry point of `@lnn/ode`.
 *
 * @param problem - first-order `y' = f(t, y)`, second-order `q̈ = a(t, q, v)` (states `[q, v]`), or
 *   a Lagrangian given by its gradient and Hessian (states `[q, v]`).
 * @param y0 - B initial states back to back (`[B, dim]`).
 * @param times - strictly increasing; `times[0]` is the initial time (its row is y0).
 * @param method - how to integrate: `dopri5({ rtol, atol })` (the default, odeint's tolerances),
 *   `bs23(…)`, `rk4({ dt })`, `verlet({ dt })`, `variational({ dt })`, `embeddedRungeKutta(tableau, …)`
 *   or `fixedStep(integrator, { dt })`. (The deprecated options object `{ method: 'dopri5', … }` is
 *   still read here.)
 * @param options - `stop`, a callback that ends trajectories.
 * @returns states `[T, B, dim]`; a trajectory that hits the step limit, leaves the finite
 *   numbers, whose Newton iteration fails, or that `options.stop` stops is stopped and reported
 *   in `status`, `reached`, `stoppedAt`, `reasons` and `message` — never returned as silent NaN.
 * @example
 * import { dopri5, solve } from '@lnn/ode';
 * const r = solve({ kind: 'first-order', dim: 1, rhs: (t, y, dy) => dy.set(y.map((v) => -v)) },
 *   [1], [0, 1, 2], dopri5({ rtol: 1e-10, atol: 1e-12 }));
 * console.log(r.ok, r.states); // true, ≈ [1, e⁻¹, e⁻²]
 */
export function solve(problem: Problem, y0: ArrayLike<number>, times: ArrayLike<number>, method?: SolveMethod, options?: SolveOptions): SolveResult;
/** @deprecated Pass a method value: `solve(problem, y0, times, dopri5({ rtol, atol }), { stop })`. */
export function solve(problem: Problem, y0: ArrayLike<number>, times: ArrayLike<number>, options: SolveOptions): SolveResult;
export function solve(problem: Problem, y0: ArrayLike<number>, times: ArrayLike<number>, methodOrOptions?: SolveMethod | SolveOptions, options?: SolveOptions): SolveResult {
  const { method, stop } = methodAndStop(methodOrOptions, options);
  const dim = checkArguments(problem, y0, times, method, stop);
  const t = Float64Array.from(times);
  const start = Float64Array.from(y0);
  const batch = start.length / dim;
  const tracker = createTracker(batch, dim, t.length, stop);
  const all = Array.from({ length: batch }, (_, b) => b);
  record(tracker, 0, all, start, batch, dim, t[0] as number);
  const ids = all.filter((b) => tracker.status[b] === 'success');
  method.run({ problem, tracker, ids, y0: gather(start, ids, dim), times: t, batch, dim });
  return {
    times: t,
    states: tracker.states,
    batch,
    dim,
    status: tracker.status,
    reached: tracker.reached,
    stoppedAt: tracker.stoppedAt,
    reasons: tracker.reasons,
    ok: tracker.status.every((s) => s === 'success'),
    message: describe(tracker.status, tracker.stoppedAt, tracker.reasons),
    stats: { steps: tracker.steps, rejected: tracker.rejected, evaluations: tracker.evaluations },
  };
}
