import fs from 'node:fs';
import path from 'node:path';
import { assignVariables, loadModel, rollout, saveModel, train, evaluate, variableArrays, type DynamicsModel, type TrainingData, type TrainOptions, type TrainResult } from '@lnn/lagrangian';
import type { SolveResult } from '@lnn/ode';
import type { ExperimentContext } from '../experiment';

/** What {@link trainWithCheckpoints} reports. */
export interface TrainingSummary {
  readonly steps: number;
  readonly skipped: number;
  readonly resumedFrom: number;
  readonly seconds: number;
  readonly heldOut: number;
  readonly history: readonly (readonly [number, number])[];
  readonly evaluations: readonly (readonly [number, number])[];
  /** Restarts ({@link trainWithRestarts}): each candidate's validation loss after the trial steps, and the one kept. */
  readonly candidates?: readonly number[];
  readonly chosen?: number;
  /** Keep-best: the step whose weights were kept (validation loss lowest), when not the last. */
  readonly keptStep?: number;
}

/** Keep the weights with the lowest loss on `data` (checked at each evaluation) instead of the last ones. */
export interface KeepBest {
  readonly data: TrainingData;
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
  options: Omit<TrainOptions, 'checkpoint' | 'onProgress' | 'evaluation'> & { readonly evaluateEvery?: number; readonly checkpointName?: string; readonly keepBest?: KeepBest },
): TrainingSummary {
  const { evaluateEvery, checkpointName, keepBest, ...trainOptions } = options;
  const task = context.progress.task(label, options.steps, 'steps');
  const t0 = Date.now();
  const checkpointDir = path.join(context.checkpointDir, checkpointName ?? name);
  // Keep-best: the best weights so far (on the validation data) live beside the checkpoint, so a resumed run keeps them too.
  const bestDir = `${checkpointDir}-best`;
  const bestFile = path.join(bestDir, 'best.json');
  let best: { step: number; loss: number } | undefined = keepBest !== undefined && fs.existsSync(bestFile) ? (JSON.parse(fs.readFileSync(bestFile, 'utf8')) as { step: number; loss: number }) : undefined;
  let lastEvaluation: number | undefined;
  const result: TrainResult = train(model, data, {
    ...trainOptions,
    progressEvery: Math.max(1, Math.min(options.progressEvery ?? 25, Math.ceil(options.steps / 100))),
    checkpoint: { dir: checkpointDir, every: Math.max(1, Math.min(500, Math.ceil(options.steps / 10))) },
    evaluation: { data: heldOut, every: evaluateEvery ?? Math.max(1, Math.ceil(options.steps / 10)), batchSize: 512 },
    onProgress: (p) => {
      if (p.evaluationLoss !== undefined) {
        lastEvaluation = p.evaluationLoss;
        if (keepBest !== undefined) {
          const loss = evaluate(model, keepBest.data, { loss: 'l1', batchSize: 512 });
          if (Number.isFinite(loss) && (best === undefined || loss < best.loss)) {
            best = { step: p.step, loss };
            saveModel(model, bestDir);
            fs.writeFileSync(bestFile, JSON.stringify(best));
          }
        }
      }
      task.update(p.step, `loss ${p.loss.toPrecision(3)}${lastEvaluation === undefined ? '' : ` · held-out ${lastEvaluation.toPrecision(3)}`}${p.skipped > 0 ? ` · skipped ${p.skipped}` : ''}`);
    },
  });
  let keptStep: number | undefined;
  if (keepBest !== undefined && best !== undefined && best.step !== result.steps) {
    const last = evaluate(model, keepBest.data, { loss: 'l1', batchSize: 512 });
    if (!(last <= best.loss)) {
      const kept = loadModel(bestDir);
      assignVariables(model, variableArrays(kept), 'trainWithCheckpoints: keep-best');
      kept.dispose();
      keptStep = best.step;
    }
  }
  const heldOutLoss = evaluate(model, heldOut, { loss: 'l1', batchSize: 512 });
  const seconds = (Date.now() - t0) / 1000;
  task.finish(`held-out L1 ${heldOutLoss.toPrecision(3)}${result.resumedFrom > 0 ? ` (resumed at step ${result.resumedFrom})` : ''}${keptStep === undefined ? '' : ` (weights of step ${keptStep} kept)`}`);
  saveModel(model, path.join(context.modelDir, name));
  return { steps: result.steps, skipped: result.skipped, resumedFrom: result.resumedFrom, seconds, heldOut: heldOutLoss, history: result.history, evaluations: result.evaluations, ...(keptStep === undefined ? {} : { keptStep }) };
}

/** Seed restarts, the official recipe's "abandon seeds whose test loss is still high". */
export interface Restarts {
  readonly candidates: number;
  /** Steps each candidate trains (on the full run's schedule) before they are compared. */
  readonly trialSteps: number;
  /** Data the candidates are compared on (not the test set). */
  readonly validation: TrainingData;
  /**
   * A candidate whose validation loss is at or below this is kept at once, without trying the
   * rest (for training that leaves its plateau at a random moment). @default 0 (try them all)
   */
  readonly accept?: number;
}

/**
 * Seed restarts: builds up to `restarts.candidates` models (`make(candidate)`, each its own
 * initialisation), trains each for `restarts.trialSteps` steps of the full run's schedule (own
 * checkpoints), keeps the one with the lowest validation loss — or the first that reaches
 * `restarts.accept` — and continues it to `options.steps` (resuming its checkpoint: the same run
 * as if it had been the only one). The others are disposed.
 */
export function trainWithRestarts<M extends DynamicsModel>(
  context: ExperimentContext,
  name: string,
  label: string,
  make: (candidate: number) => M,
  data: TrainingData,
  heldOut: TrainingData,
  restarts: Restarts,
  options: Parameters<typeof trainWithCheckpoints>[6],
): { model: M; summary: TrainingSummary } {
  const { evaluateEvery: _e, checkpointName: _c, keepBest: _k, ...trainOptions } = options;
  const t0 = Date.now();
  const scores: number[] = [];
  let chosen = -1;
  let kept: M | undefined;
  const trialSteps = Math.min(restarts.trialSteps, options.steps);
  for (let c = 0; c < restarts.candidates; c++) {
    const model = make(c);
    const task = context.progress.task(`${label}: candidate ${c + 1} of ${restarts.candidates}`, trialSteps, 'steps');
    train(model, data, {
      ...trainOptions,
      steps: trialSteps,
      progressEvery: Math.max(1, Math.ceil(trialSteps / 100)),
      checkpoint: { dir: path.join(context.checkpointDir, name, `candidate-${c}`), every: Math.max(1, Math.min(500, trialSteps)) },
      onProgress: (p) => task.update(p.step, `loss ${p.loss.toPrecision(3)}`),
    });
    const score = evaluate(model, restarts.validation, { loss: 'l1', batchSize: 512 });
    task.finish(`validation L1 ${score.toPrecision(3)}`);
    scores.push(score);
    if (kept === undefined || (Number.isFinite(score) && !(score >= (scores[chosen] as number)))) {
      kept?.dispose();
      kept = model;
      chosen = c;
    } else model.dispose();
    if (score <= (restarts.accept ?? 0)) break;
  }
  const model = kept as M;
  const summary = trainWithCheckpoints(context, name, label, model, data, heldOut, { ...options, checkpointName: path.join(name, `candidate-${chosen}`) });
  return { model, summary: { ...summary, seconds: (Date.now() - t0) / 1000, candidates: scores, chosen } };
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
    /** Stops a trajectory that has left any plausible range (`@lnn/ode`'s `stop`; `trajectory` is its index in y0). */
    readonly stop?: (t: number, state: Float64Array, trajectory: number) => string | undefined;
  },
): { states: Float64Array; status: string[]; reasons: (string | undefined)[] } {
  const d = model.dof;
  const width = 2 * d;
  const batch = y0.length / width;
  const T = times.length;
  const states = new Float64Array(T * batch * width).fill(Number.NaN);
  states.set(y0, 0);
  const status: string[] = Array.from({ length: batch }, () => 'success');
  const reasons: (string | undefined)[] = Array.from({ length: batch }, () => undefined);
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
      ...(options.stop === undefined ? {} : { stop: (t: number, state: Float64Array, i: number) => (options.stop as NonNullable<typeof options.stop>)(t, state, alive[i] as number) }),
    });
    const segmentT = to - from + 1;
    alive.forEach((b, i) => {
      for (let t = 1; t < segmentT; t++) {
        const source = r.states.subarray((t * alive.length + i) * width, (t * alive.length + i + 1) * width);
        states.set(source, ((from + t) * batch + b) * width);
      }
      const st = r.status[i] as string;
      if (st !== 'success') status[b] = st;
      if (r.reasons[i] !== undefined) reasons[b] = r.reasons[i];
    });
    from = to;
    task.update(to, `${status.filter((st) => st !== 'success').length} stopped`);
  }
  task.finish(`${status.filter((st) => st !== 'success').length} of ${batch} stopped early`);
  return { states, status, reasons };
}
