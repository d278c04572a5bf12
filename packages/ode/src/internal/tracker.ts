/** How a trajectory ended. */
export type TrajectoryStatus = 'success' | 'step-limit' | 'non-finite' | 'step-size-underflow' | 'newton-failed' | 'stopped';

/** The asker of `solve`'s `stop` option. */
export type StopFn = (t: number, state: Float64Array, trajectory: number) => string | undefined;

/** What `solve` records while a method runs: per-trajectory outcome, the output rows, the counters. */
export interface Tracker {
  readonly status: TrajectoryStatus[];
  readonly reached: Int32Array;
  readonly stoppedAt: Float64Array;
  readonly reasons: (string | undefined)[];
  readonly stop: StopFn | undefined;
  /** `[T, B, dim]`, NaN where not reached. */
  readonly states: Float64Array;
  steps: number;
  rejected: number;
  evaluations: number;
}

/** A tracker for `batch` trajectories of `dim` components at `outputs` times. */
export function createTracker(batch: number, dim: number, outputs: number, stop: StopFn | undefined): Tracker {
  return {
    status: new Array<TrajectoryStatus>(batch).fill('success'),
    reached: new Int32Array(batch),
    stoppedAt: new Float64Array(batch).fill(Number.NaN),
    reasons: new Array<string | undefined>(batch).fill(undefined),
    stop,
    states: new Float64Array(outputs * batch * dim).fill(Number.NaN),
    steps: 0,
    rejected: 0,
    evaluations: 0,
  };
}

/** Ends trajectory b with `why` at time t (a trajectory ends once: the first reason stays). */
export function fail(tr: Tracker, b: number, why: TrajectoryStatus, t: number): void {
  if (tr.status[b] !== 'success') return;
  tr.status[b] = why;
  tr.stoppedAt[b] = t;
}

/** Whether components `start … start+dim` of y are all finite. */
export function isFiniteRow(y: Float64Array, start: number, dim: number): boolean {
  for (let i = start; i < start + dim; i++) if (!Number.isFinite(y[i] as number)) return false;
  return true;
}

/** Asks `stop` about every running trajectory of `ids` (states `y` in that order) at time t. */
export function checkStops(tr: Tracker, ids: readonly number[], y: Float64Array, dim: number, t: number): void {
  if (tr.stop === undefined) return;
  ids.forEach((b, j) => {
    if (tr.status[b] !== 'success') return;
    const reason = (tr.stop as StopFn)(t, y.subarray(j * dim, (j + 1) * dim), b);
    if (reason === undefined) return;
    fail(tr, b, 'stopped', t);
    tr.reasons[b] = String(reason);
  });
}

/** Writes output row k for the trajectories `ids` (their states are `y` in that order). */
export function record(tr: Tracker, k: number, ids: readonly number[], y: Float64Array, batch: number, dim: number, t: number): void {
  ids.forEach((b, j) => {
    if (tr.status[b] !== 'success') return;
    if (!isFiniteRow(y, j * dim, dim)) {
      fail(tr, b, 'non-finite', t);
      return;
    }
    tr.states.set(y.subarray(j * dim, (j + 1) * dim), (k * batch + b) * dim);
    tr.reached[b] = k + 1;
  });
}

/** The states of trajectories `ids`, back to back. */
export function gather(y: Float64Array, ids: readonly number[], dim: number): Float64Array {
  const out = new Float64Array(ids.length * dim);
  ids.forEach((b, j) => out.set(y.subarray(b * dim, (b + 1) * dim), j * dim));
  return out;
}

/** A sentence describing the trajectories that did not succeed ('' when all did). */
export function describe(status: readonly TrajectoryStatus[], stoppedAt: Float64Array, reasons: readonly (string | undefined)[]): string {
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
