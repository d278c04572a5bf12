import { dopri5 } from './dopri5';
import { toFirstOrder } from './first-order';
import type { Integrator, IntegratorState } from './integrator';
import { stateDim, type Problem, type SecondOrderProblem } from './problem';
import { rk4 } from './rk4';
import { errorNorm, initialStep, stepFactor } from './step-control';
import { variational } from './variational';
import { verlet } from './verlet';

/** Methods `solve` can use. */
export type Method = 'rk4' | 'dopri5' | 'verlet' | 'variational';

/** How a trajectory ended. */
export type TrajectoryStatus = 'success' | 'step-limit' | 'non-finite' | 'step-size-underflow' | 'newton-failed' | 'stopped';

/** Options of {@link solve}. */
export interface SolveOptions {
  /** @default 'dopri5' */
  readonly method?: Method;
  /** Relative tolerance of adaptive steps. @default 1.49012e-8 (odeint's) */
  readonly rtol?: number;
  /** Absolute tolerance of adaptive steps. @default 1.49012e-8 (odeint's) */
  readonly atol?: number;
  /**
   * Step size: required by the fixed-step methods (each output interval is split into equal steps
   * of at most `dt`); for `dopri5`, the first step (default: Hairer's estimate), or the fixed step
   * when `adaptive` is false.
   */
  readonly dt?: number;
  /** `dopri5` only: control the step size by the error estimate. @default true */
  readonly adaptive?: boolean;
  /**
   * Adaptive batches: `'independent'` gives each trajectory its own steps (the right-hand side is
   * called with one state at a time); `'shared'` steps the whole batch together, controlled by
   * the largest error (the right-hand side sees the whole batch — best for batched models).
   * @default 'independent'
   */
  readonly batching?: 'independent' | 'shared';
  /**
   * Steps allowed per trajectory (shared: per batch) before it is stopped as `step-limit`; for
   * `dopri5`, rejected attempts count too. @default 100000
   */
  readonly maxSteps?: number;
  /** `variational` only: Newton tolerance and iteration limit. */
  readonly newton?: { readonly tolerance?: number; readonly maxIterations?: number };
  /**
   * Asked after every accepted step, for each trajectory still running, with its time and state
   * (`dim` numbers; valid during the call only): a string stops that trajectory with status
   * `'stopped'` and that string as its reason (`SolveResult.reasons`). Use it to drop trajectories
   * that have left any plausible range — a learned model's diverging rollout, say — so that they
   * stop setting the shared step of the others.
   */
  readonly stop?: (t: number, state: Float64Array, trajectory: number) => string | undefined;
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

interface Tracker {
  readonly status: TrajectoryStatus[];
  readonly reached: Int32Array;
  readonly stoppedAt: Float64Array;
  readonly reasons: (string | undefined)[];
  readonly stop: SolveOptions['stop'];
  readonly states: Float64Array;
  steps: number;
  rejected: number;
  evaluations: number;
}

function fail(tr: Tracker, b: number, why: TrajectoryStatus, t: number): void {
  if (tr.status[b] !== 'success') return;
  tr.status[b] = why;
  tr.stoppedAt[b] = t;
}

function isFinite(y: Float64Array, start: number, dim: number): boolean {
  for (let i = start; i < start + dim; i++) if (!Number.isFinite(y[i] as number)) return false;
  return true;
}

/** Asks `options.stop` about every running trajectory of `ids` (states `y` in that order) at time t. */
function checkStops(tr: Tracker, ids: readonly number[], y: Float64Array, dim: number, t: number): void {
  if (tr.stop === undefined) return;
  ids.forEach((b, j) => {
    if (tr.status[b] !== 'success') return;
    const reason = (tr.stop as NonNullable<Tracker['stop']>)(t, y.subarray(j * dim, (j + 1) * dim), b);
    if (reason === undefined) return;
    fail(tr, b, 'stopped', t);
    tr.reasons[b] = String(reason);
  });
}

/** Writes row k for the trajectories `ids` (their states are `y` in that order). */
function record(tr: Tracker, k: number, ids: readonly number[], y: Float64Array, batch: number, dim: number, t: number): void {
  ids.forEach((b, j) => {
    if (tr.status[b] !== 'success') return;
    if (!isFinite(y, j * dim, dim)) {
      fail(tr, b, 'non-finite', t);
      return;
    }
    tr.states.set(y.subarray(j * dim, (j + 1) * dim), (k * batch + b) * dim);
    tr.reached[b] = k + 1;
  });
}

function runFixed(integrator: Integrator, tr: Tracker, ids: number[], y0: Float64Array, times: Float64Array, dt: number, batch: number, dim: number, maxSteps: number): void {
  let state: IntegratorState = integrator.init(times[0] as number, y0);
  for (let k = 1; k < times.length; k++) {
    const interval = (times[k] as number) - (times[k - 1] as number);
    const n = Math.max(1, Math.ceil(Math.abs(interval) / dt - 1e-9));
    const h = interval / n;
    for (let s = 0; s < n; s++) {
      if (tr.steps >= maxSteps) {
        for (const b of ids) fail(tr, b, 'step-limit', state.t);
        return;
      }
      const step = integrator.step(state, h);
      tr.steps++;
      tr.evaluations += step.evaluations;
      for (const j of step.failed ?? []) fail(tr, ids[j] as number, 'newton-failed', state.t);
      state = step.state;
      ids.forEach((b, j) => {
        if (tr.status[b] === 'success' && !isFinite(state.y, j * dim, dim)) fail(tr, b, 'non-finite', state.t);
      });
      checkStops(tr, ids, state.y, dim, state.t);
    }
    record(tr, k, ids, state.y, batch, dim, state.t);
    if (ids.every((b) => tr.status[b] !== 'success')) return;
  }
}

function runAdaptive(
  problem: Problem,
  tr: Tracker,
  ids: number[],
  y0: Float64Array,
  times: Float64Array,
  options: { rtol: number; atol: number; dt: number | undefined; maxSteps: number },
  batch: number,
  dim: number,
): void {
  const f = toFirstOrder(problem);
  const method = dopri5(f, y0.length);
  const order = method.embeddedOrder as number;
  const { rtol, atol, maxSteps } = options;
  const t0 = times[0] as number;
  const tEnd = times[times.length - 1] as number;
  let state = method.init(t0, y0);
  tr.evaluations += 1;
  const direction = Math.sign(tEnd - t0) || 1;
  let h = options.dt ?? initialStep(f, t0, y0, state.f as Float64Array, order, rtol, atol, direction);
  tr.evaluations += options.dt === undefined ? 1 : 0;
  h = direction * Math.min(Math.abs(h), Math.abs(tEnd - t0) || Math.abs(h));
  if (!Number.isFinite(h)) {
    // The right-hand side is not finite at the start (the estimate of the first step is NaN).
    for (const b of ids) fail(tr, b, 'non-finite', t0);
    return;
  }
  let k = 1;
  let steps = 0;
  let rejectedLast = false;
  const out = new Float64Array(y0.length);
  const anyActive = () => ids.some((b) => tr.status[b] === 'success');
  let rejected = 0;
  while (k < times.length && anyActive()) {
    // Rejected attempts count too: a step size that never passes (a NaN in the model, say) must
    // end at the limit rather than loop for ever.
    if (steps + rejected >= maxSteps) {
      for (const b of ids) fail(tr, b, 'step-limit', state.t);
      return;
    }
    if (direction * (state.t + h - tEnd) > 0) h = tEnd - state.t;
    const step = method.step(state, h);
    tr.evaluations += step.evaluations;
    const error = step.error as Float64Array;
    let err = 0;
    const bad: number[] = [];
    ids.forEach((b, j) => {
      if (tr.status[b] !== 'success') return;
      const e = errorNorm(error, state.y, step.state.y, j * dim, dim, rtol, atol);
      if (!Number.isFinite(e) || !isFinite(step.state.y, j * dim, dim)) bad.push(b);
      else err = Math.max(err, e);
    });
    const tiny = Math.abs(h) <= 1e-14 * Math.max(1, Math.abs(state.t));
    if (bad.length > 0) {
      tr.rejected++;
      rejected++;
      if (tiny) {
        for (const b of bad) fail(tr, b, 'non-finite', state.t);
        h = direction * Math.max(Math.abs(h), 1e-6);
      } else {
        h *= 0.25;
      }
      rejectedLast = true;
      continue;
    }
    if (err <= 1) {
      steps++;
      tr.steps++;
      while (k < times.length && direction * ((times[k] as number) - step.state.t) <= 0) {
        const tk = times[k] as number;
        if (tk === step.state.t) out.set(step.state.y);
        else (method.interpolate as NonNullable<typeof method.interpolate>)(state, step.state, tk, out);
        record(tr, k, ids, out, batch, dim, tk);
        k++;
      }
      state = step.state;
      checkStops(tr, ids, state.y, dim, state.t);
      h *= stepFactor(err, order, rejectedLast);
      rejectedLast = false;
    } else {
      tr.rejected++;
      rejected++;
      if (tiny) {
        for (const b of ids) fail(tr, b, 'step-size-underflow', state.t);
        return;
      }
      h *= stepFactor(err, order, true);
      rejectedLast = true;
    }
  }
}

function checkArguments(problem: Problem, y0: ArrayLike<number>, times: ArrayLike<number>, options: SolveOptions): { dim: number; method: Method } {
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
  const method = options.method ?? 'dopri5';
  if (!['rk4', 'dopri5', 'verlet', 'variational'].includes(method)) {
    throw new TypeError(`solve: options.method must be 'rk4', 'dopri5', 'verlet' or 'variational', received ${JSON.stringify(method)}.`);
  }
  if (method === 'verlet' && problem.kind !== 'second-order') {
    throw new TypeError(`solve: method 'verlet' needs a second-order problem q̈ = a(q), received a ${problem.kind} problem.`);
  }
  if (method === 'verlet' && (problem as SecondOrderProblem).velocityDependent !== false) {
    throw new TypeError(
      "solve: method 'verlet' needs an acceleration independent of the velocity (the problem's velocityDependent: false); Störmer–Verlet is symplectic only for q̈ = a(q). Use 'dopri5' or 'variational' instead.",
    );
  }
  if (method === 'variational' && problem.kind !== 'lagrangian') {
    throw new TypeError(`solve: method 'variational' needs a lagrangian problem (its gradient and Hessian), received a ${problem.kind} problem.`);
  }
  const fixed = method !== 'dopri5' || options.adaptive === false;
  if (fixed && !(typeof options.dt === 'number' && options.dt > 0 && Number.isFinite(options.dt))) {
    throw new TypeError(`solve: method '${method}'${method === 'dopri5' ? ' without adaptivity' : ''} needs options.dt > 0, received ${String(options.dt)}.`);
  }
  if (!fixed && options.dt !== undefined && !(typeof options.dt === 'number' && options.dt > 0 && Number.isFinite(options.dt))) {
    throw new TypeError(
      `solve: options.dt (dopri5's first step) must be a finite number > 0 — the direction comes from times — or left out for an estimate, received ${String(options.dt)}.`,
    );
  }
  for (const key of ['rtol', 'atol'] as const) {
    const v = options[key];
    if (v !== undefined && !(v > 0 && Number.isFinite(v))) throw new TypeError(`solve: options.${key} must be a positive number, received ${String(v)}.`);
  }
  if (options.stop !== undefined && typeof options.stop !== 'function') {
    throw new TypeError(`solve: options.stop must be a function (t, state, trajectory) => reason | undefined, received ${typeof options.stop}.`);
  }
  if (options.maxSteps !== undefined && !(Number.isInteger(options.maxSteps) && options.maxSteps > 0)) {
    throw new TypeError(`solve: options.maxSteps must be a positive integer, received ${String(options.maxSteps)}.`);
  }
  return { dim, method };
}

function describe(status: readonly TrajectoryStatus[], stoppedAt: Float64Array, reasons: readonly (string | undefined)[]): string {
  const failed = status.map((s, b) => [s, b] as const).filter(([s]) => s !== 'success');
  if (failed.length === 0) return '';
  const counts = new Map<TrajectoryStatus, number[]>();
  for (const [s, b] of failed) counts.set(s, [...(counts.get(s) ?? []), b]);
  const parts = [...counts].map(([s, bs]) => {
    const first = bs[0] as number;
    return `${bs.length} ${s} (first: trajectory ${first} at t = ${stoppedAt[first]}${s === 'stopped' ? `: ${reasons[first]}` : ''})`;
  });
  return `${failed.length} of ${status.length} trajectories stopped early: ${parts.join('; ')}.`;
}

/**
 * Integrates a problem from a batch of initial states and returns the states at the requested
 * times, with per-trajectory status and work statistics. The one entry point of `@lnn/ode`.
 *
 * @param problem - first-order `y' = f(t, y)`, second-order `q̈ = a(t, q, v)` (states `[q, v]`), or
 *   a Lagrangian given by its gradient and Hessian (states `[q, v]`).
 * @param y0 - B initial states back to back (`[B, dim]`).
 * @param times - strictly increasing; `times[0]` is the initial time (its row is y0).
 * @returns states `[T, B, dim]`; a trajectory that hits the step limit, leaves the finite
 *   numbers, whose Newton iteration fails, or that `options.stop` stops is stopped and reported
 *   in `status`, `reached`, `stoppedAt`, `reasons` and `message` — never returned as silent NaN.
 * @example
 * import { solve } from '@lnn/ode';
 * const r = solve({ kind: 'first-order', dim: 1, rhs: (t, y, dy) => dy.set(y.map((v) => -v)) },
 *   [1], [0, 1, 2], { rtol: 1e-10, atol: 1e-12 });
 * console.log(r.ok, r.states); // true, ≈ [1, e⁻¹, e⁻²]
 */
export function solve(problem: Problem, y0: ArrayLike<number>, times: ArrayLike<number>, options: SolveOptions = {}): SolveResult {
  const { dim, method } = checkArguments(problem, y0, times, options);
  const t = Float64Array.from(times);
  const start = Float64Array.from(y0);
  const batch = start.length / dim;
  const tr: Tracker = {
    status: new Array<TrajectoryStatus>(batch).fill('success'),
    reached: new Int32Array(batch),
    stoppedAt: new Float64Array(batch).fill(Number.NaN),
    reasons: new Array<string | undefined>(batch).fill(undefined),
    stop: options.stop,
    states: new Float64Array(t.length * batch * dim).fill(Number.NaN),
    steps: 0,
    rejected: 0,
    evaluations: 0,
  };
  const all = Array.from({ length: batch }, (_, b) => b);
  record(tr, 0, all, start, batch, dim, t[0] as number);
  const maxSteps = options.maxSteps ?? 100_000;
  const live = all.filter((b) => tr.status[b] === 'success');
  if (method === 'dopri5' && options.adaptive !== false) {
    const opts = { rtol: options.rtol ?? 1.49012e-8, atol: options.atol ?? 1.49012e-8, dt: options.dt, maxSteps };
    if ((options.batching ?? 'independent') === 'shared') {
      runAdaptive(problem, tr, live, gather(start, live, dim), t, opts, batch, dim);
    } else {
      for (const b of live) runAdaptive(problem, tr, [b], gather(start, [b], dim), t, opts, batch, dim);
    }
  } else if (live.length > 0) {
    const y = gather(start, live, dim);
    const size = y.length;
    const integrator: Integrator =
      method === 'rk4'
        ? rk4(toFirstOrder(problem), size)
        : method === 'dopri5'
          ? dopri5(toFirstOrder(problem), size)
          : method === 'verlet'
            ? verlet(problem as Extract<Problem, { kind: 'second-order' }>, live.length)
            : variational(problem as Extract<Problem, { kind: 'lagrangian' }>, live.length, options.newton);
    runFixed(integrator, tr, live, y, t, options.dt as number, batch, dim, maxSteps);
  }
  const ok = tr.status.every((s) => s === 'success');
  return {
    times: t,
    states: tr.states,
    batch,
    dim,
    status: tr.status,
    reached: tr.reached,
    stoppedAt: tr.stoppedAt,
    reasons: tr.reasons,
    ok,
    message: describe(tr.status, tr.stoppedAt, tr.reasons),
    stats: { steps: tr.steps, rejected: tr.rejected, evaluations: tr.evaluations },
  };
}

function gather(y: Float64Array, ids: readonly number[], dim: number): Float64Array {
  const out = new Float64Array(ids.length * dim);
  ids.forEach((b, j) => out.set(y.subarray(b * dim, (b + 1) * dim), j * dim));
  return out;
}
