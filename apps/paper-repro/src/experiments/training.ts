import path from 'node:path';
import { rollout, saveModel, train, evaluate, type DynamicsModel, type TrainingData, type TrainOptions, type TrainResult } from '@lnn/lagrangian';
import type { SolveResult } from '@lnn/ode';
import type { ExperimentContext } from '../experiment';

/** Splits `[N, 2d]` states (q then q̇ per row) into `q` and `q̇` arrays of `[N, d]`. */
export function splitStates(states: Float64Array, d: number): { q: Float64Array; qdot: Float64Array } {
  const count = states.length / (2 * d);
  const q = new Float64Array(count * d);
  const qdot = new Float64Array(count * d);
  for (let b = 0; b < count; b++) {
    q.set(states.subarray(2 * d * b, 2 * d * b + d), d * b);
    qdot.set(states.subarray(2 * d * b + d, 2 * d * (b + 1)), d * b);
  }
  return { q, qdot };
}

/** What {@link trainWithCheckpoints} reports. */
export interface TrainingSummary {
  readonly steps: number;
  readonly skipped: number;
  readonly resumedFrom: number;
  readonly seconds: number;
  readonly heldOut: number;
  readonly history: readonly (readonly [number, number])[];
  readonly evaluations: readonly (readonly [number, number])[];
}

/**
 * Trains a model with a live progress bar, checkpoints in `<checkpointDir>/<name>` (a rerun
 * resumes there; a finished training is restored at once), then saves it to `<modelDir>/<name>`
 * and measures its held-out acceleration loss (L1).
 */
export function trainWithCheckpoints(
  context: ExperimentContext,
  name: string,
  label: string,
  model: DynamicsModel,
  data: TrainingData,
  heldOut: TrainingData,
  options: Omit<TrainOptions, 'checkpoint' | 'onProgress' | 'evaluation'> & { readonly evaluateEvery?: number },
): TrainingSummary {
  const { evaluateEvery, ...trainOptions } = options;
  const task = context.progress.task(label, options.steps, 'steps');
  const t0 = Date.now();
  let lastEvaluation: number | undefined;
  const result: TrainResult = train(model, data, {
    ...trainOptions,
    progressEvery: Math.max(1, Math.min(options.progressEvery ?? 25, Math.ceil(options.steps / 100))),
    checkpoint: { dir: path.join(context.checkpointDir, name), every: Math.max(1, Math.min(500, Math.ceil(options.steps / 10))) },
    evaluation: { data: heldOut, every: evaluateEvery ?? Math.max(1, Math.ceil(options.steps / 10)), batchSize: 512 },
    onProgress: (p) => {
      if (p.evaluationLoss !== undefined) lastEvaluation = p.evaluationLoss;
      task.update(p.step, `loss ${p.loss.toPrecision(3)}${lastEvaluation === undefined ? '' : ` · held-out ${lastEvaluation.toPrecision(3)}`}${p.skipped > 0 ? ` · skipped ${p.skipped}` : ''}`);
    },
  });
  const heldOutLoss = evaluate(model, heldOut, { loss: 'l1', batchSize: 512 });
  const seconds = (Date.now() - t0) / 1000;
  task.finish(`held-out L1 ${heldOutLoss.toPrecision(3)}${result.resumedFrom > 0 ? ` (resumed at step ${result.resumedFrom})` : ''}`);
  saveModel(model, path.join(context.modelDir, name));
  return { steps: result.steps, skipped: result.skipped, resumedFrom: result.resumedFrom, seconds, heldOut: heldOutLoss, history: result.history, evaluations: result.evaluations };
}

/**
 * Rolls a learned model out from `[B, 2d]` initial states over `times`, in segments so that the
 * progress bar moves; a trajectory that stops (non-finite, step limit) stays NaN from there on.
 * Returns the states `[T, B, 2d]` and each trajectory's status.
 */
export function rolloutWithProgress(
  context: ExperimentContext,
  label: string,
  model: DynamicsModel,
  y0: Float64Array,
  times: Float64Array,
  options: {
    readonly rtol: number;
    readonly atol: number;
    /** Accepted steps allowed over the whole horizon (shared out among the segments); past them a trajectory stops with 'step-limit'. */
    readonly maxSteps: number;
    readonly extra?: Float64Array;
    readonly segments?: number;
  },
): { states: Float64Array; status: string[] } {
  const d = model.dof;
  const width = 2 * d;
  const batch = y0.length / width;
  const T = times.length;
  const states = new Float64Array(T * batch * width).fill(Number.NaN);
  states.set(y0, 0);
  const status: string[] = Array.from({ length: batch }, () => 'success');
  const segments = Math.max(1, Math.min(options.segments ?? 20, T - 1));
  const task = context.progress.task(label, T - 1, 'outputs');
  let from = 0;
  for (let s = 1; s <= segments; s++) {
    const to = Math.round((s * (T - 1)) / segments);
    if (to <= from) continue;
    const alive = status.map((st, b) => (st === 'success' ? b : -1)).filter((b) => b >= 0);
    if (alive.length === 0) break;
    const start = new Float64Array(alive.length * width);
    alive.forEach((b, i) => start.set(states.subarray((from * batch + b) * width, (from * batch + b + 1) * width), i * width));
    const extra = options.extra === undefined ? undefined : Float64Array.from(alive.flatMap((b) => Array.from((options.extra as Float64Array).subarray(b * model.extraDim, (b + 1) * model.extraDim))));
    const r: SolveResult = rollout(model, start, times.subarray(from, to + 1), {
      method: 'dopri5',
      rtol: options.rtol,
      atol: options.atol,
      maxSteps: Math.max(10, Math.ceil((options.maxSteps * (to - from)) / (T - 1))),
      ...(extra === undefined ? {} : { extra }),
    });
    const segmentT = to - from + 1;
    alive.forEach((b, i) => {
      for (let t = 1; t < segmentT; t++) {
        const source = r.states.subarray((t * alive.length + i) * width, (t * alive.length + i + 1) * width);
        states.set(source, ((from + t) * batch + b) * width);
      }
      const st = r.status[i] as string;
      if (st !== 'success') status[b] = st;
    });
    from = to;
    task.update(to, `${status.filter((st) => st !== 'success').length} stopped`);
  }
  task.finish(`${status.filter((st) => st !== 'success').length} of ${batch} stopped early`);
  return { states, status };
}
