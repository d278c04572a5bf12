import fs from 'node:fs';
import path from 'node:path';
import { loadWeights, saveModel, train, evaluate, type DynamicsModel, type TrainingData, type TrainOptions, type TrainResult } from '@lnn/lagrangian';
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
      loadWeights(model, bestDir);
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
