import { rollout, type DynamicsModel } from '@lnn/lagrangian';
import type { SolveMethod, SolveResult } from '@lnn/ode';
import type { Progress } from '../progress';

/**
 * How each segment of {@link rolloutWithProgress} is integrated: any `@lnn/ode` method value. An
 * adaptive one's `maxSteps` (accepted steps over the whole horizon) is shared out among the
 * segments — past them a trajectory stops with 'step-limit'; a fixed-step one's applies to each
 * segment.
 */
export type SegmentMethod = SolveMethod<{ readonly maxSteps: number; readonly adaptive?: boolean }>;

/** Whether a method controls its step by an error estimate (then its step budget is shared out). */
const isAdaptive = (method: SegmentMethod): boolean => method.options.adaptive === true;

/** Options of {@link rolloutWithProgress}. */
export interface RolloutWithProgressOptions {
  /** Per-trajectory extra inputs `[B, p]`, for models that take them. @default none */
  readonly extra?: Float64Array;
  /** Segments the horizon is cut into (the progress bar moves after each). @default 20 */
  readonly segments?: number;
  /** Stops a trajectory that has left any plausible range (`@lnn/ode`'s `stop`; `trajectory` is its index in y0). @default none */
  readonly stop?: (t: number, state: Float64Array, trajectory: number) => string | undefined;
}

/** What {@link rolloutWithProgress} returns. */
export interface SegmentedRollout {
  /** `[T, B, 2d]`; NaN from where a trajectory stopped. */
  readonly states: Float64Array;
  /** Each trajectory's status ('success', or why it stopped). */
  readonly status: string[];
  /** Each trajectory's stop reason, when `stop` gave one. */
  readonly reasons: (string | undefined)[];
}

/**
 * Rolls a learned model out from `[B, 2d]` initial states over `times`, in segments so that the
 * progress bar moves; a trajectory that stops (non-finite, step limit, `stop`) stays NaN from there
 * on and the others continue from where their segment ended. Every experiment's rollouts go
 * through it.
 *
 * @param progress - where the bar is drawn (`context.progress`).
 * @param label - the bar's label.
 * @param method - the method of each segment (`dopri5({ rtol, atol, maxSteps })`, `rk4({ dt })`, …).
 * @returns the states `[T, B, 2d]` and each trajectory's status.
 * @example
 * const r = rolloutWithProgress(context.progress, 'rollouts of the LNN', model, y0, times, dopri5({ rtol: 1e-7, atol: 1e-7, maxSteps: 5_000 }), { segments: 4 });
 * const ring = rolloutWithProgress(context.progress, 'wave rollout', model, y0, times, rk4({ dt: 0.1 }));
 */
export function rolloutWithProgress(
  progress: Progress,
  label: string,
  model: DynamicsModel,
  y0: Float64Array,
  times: Float64Array,
  method: SegmentMethod,
  options: RolloutWithProgressOptions = {},
): SegmentedRollout {
  const width = 2 * model.dof;
  const batch = y0.length / width;
  const T = times.length;
  const states = new Float64Array(T * batch * width).fill(Number.NaN);
  states.set(y0, 0);
  const status: string[] = Array.from({ length: batch }, () => 'success');
  const reasons: (string | undefined)[] = Array.from({ length: batch }, () => undefined);
  const stopped = () => status.filter((st) => st !== 'success').length;
  const segments = Math.max(1, Math.min(options.segments ?? 20, T - 1));
  const task = progress.task(label, T - 1, 'outputs');
  let from = 0;
  for (let s = 1; s <= segments; s++) {
    const to = Math.round((s * (T - 1)) / segments);
    if (to <= from) continue;
    const alive = status.map((st, b) => (st === 'success' ? b : -1)).filter((b) => b >= 0);
    if (alive.length === 0) break;
    const start = new Float64Array(alive.length * width);
    alive.forEach((b, i) => start.set(states.subarray((from * batch + b) * width, (from * batch + b + 1) * width), i * width));
    const r = rolloutSegment(model, start, times.subarray(from, to + 1), alive, method, { outputs: to - from, of: T - 1 }, options);
    alive.forEach((b, i) => {
      for (let t = 1; t <= to - from; t++) states.set(r.states.subarray((t * alive.length + i) * width, (t * alive.length + i + 1) * width), ((from + t) * batch + b) * width);
      const st = r.status[i] as string;
      if (st !== 'success') status[b] = st;
      if (r.reasons[i] !== undefined) reasons[b] = r.reasons[i];
    });
    from = to;
    // A fixed-step rollout shows the time reached, an adaptive one how many trajectories have stopped.
    task.update(to, isAdaptive(method) ? `${stopped()} stopped` : `t = ${(times[to] as number).toPrecision(3)}`);
  }
  task.finish(`${stopped()} of ${batch} stopped early`);
  return { states, status, reasons };
}

/**
 * One segment: the trajectories still `alive` (indices into y0) from `start` over `times`, which
 * are `share.outputs` of the horizon's `share.of` output intervals (an adaptive method gets that
 * share of the step budget).
 */
function rolloutSegment(
  model: DynamicsModel,
  start: Float64Array,
  times: Float64Array,
  alive: readonly number[],
  method: SegmentMethod,
  share: { readonly outputs: number; readonly of: number },
  options: RolloutWithProgressOptions,
): SolveResult {
  const { extra: allExtra, stop } = options;
  const extra = allExtra === undefined ? undefined : Float64Array.from(alive.flatMap((b) => Array.from(allExtra.subarray(b * model.extraDim, (b + 1) * model.extraDim))));
  const segment = isAdaptive(method) ? method.with({ maxSteps: Math.max(10, Math.ceil((method.options.maxSteps * share.outputs) / share.of)) }) : method;
  return rollout(model, start, times, segment, {
    ...(extra === undefined ? {} : { extra }),
    ...(stop === undefined ? {} : { stop: (t: number, state: Float64Array, i: number) => stop(t, state, alive[i] as number) }),
  });
}
