import { MlpDynamics } from '@lnn/baselines';
import { evaluate, evaluatePositions, MlpLagrangian, train, trainFromPositions, type DynamicsModel, type PositionData, type Progress, type TrainingData } from '@lnn/lagrangian';
import type { ExperimentContext } from '../../experiment';
import { keepBest } from './keep-best';
import type { PositionsSettings } from './settings';

/** What one training reports. */
export interface TrainingRecord {
  readonly steps: number;
  readonly skipped: number;
  /** Wall seconds, and optimisation steps per second. */
  readonly seconds: number;
  readonly stepsPerSecond: number;
  readonly finalLoss: number;
  /** Keep-best: the step whose weights were kept and its validation loss (the model's own kind of data), or null if none was finite. */
  readonly keptStep: number | null;
  readonly validationLoss: number | null;
}

/** The recipe every model shares: L1, Adam (β₂ 0.9), one-cycle schedule, weight decay 1e-6, residuals capped at 1,000; the LNNs also the H_vv guard. */
function recipe(s: PositionsSettings, seed: number) {
  return { steps: s.steps, batchSize: s.batchSize, loss: 'l1' as const, weightDecay: 1e-6, adam: { beta2: 0.9 }, lossCap: 1000, seed: 1000 * seed + 3, schedule: { kind: 'one-cycle' as const, peak: s.peak, total: s.steps } };
}

/** The LNN of the quick recipe's shape (`hidden`, (cos, sin) features). */
export const lnn = (s: PositionsSettings, seed: number) => new MlpLagrangian({ dof: 2, hidden: [...s.hidden], angles: [0, 1], angleTransform: 'features', seed: 10 * seed + 1 });

/**
 * Runs one training under a progress bar, with keep-best on `validate` (scored at every progress
 * report, `s.validations` times over the run, and kept in memory), and times it (validation
 * included: each model pays for its own).
 */
function timed(context: ExperimentContext, s: PositionsSettings, model: DynamicsModel, label: string, validate: () => number, body: (onProgress: (p: Progress) => void) => { skipped: number }): TrainingRecord {
  const task = context.progress.task(label, s.steps, 'steps');
  const t0 = performance.now();
  const keeper = keepBest(model, validate);
  let last = Number.NaN;
  const result = body((p) => {
    last = p.loss;
    keeper.check(p.step);
    task.update(p.step, `loss ${p.loss.toPrecision(3)}${p.skipped > 0 ? ` · skipped ${p.skipped}` : ''}`);
  });
  const kept = keeper.finish();
  const seconds = (performance.now() - t0) / 1000;
  task.finish(`loss ${last.toPrecision(3)}, ${(s.steps / seconds).toFixed(1)} steps/s${kept === undefined ? '' : `, weights of step ${kept.step} kept (validation ${kept.loss.toPrecision(3)})`}`);
  return { steps: s.steps, skipped: result.skipped, seconds, stepsPerSecond: s.steps / seconds, finalLoss: last, keptStep: kept?.step ?? null, validationLoss: kept?.loss ?? null };
}

/** Progress reports (and validations): `s.validations` over the run. */
const every = (s: PositionsSettings) => Math.max(1, Math.ceil(s.steps / s.validations));

/** The LNN learned from positions alone: the fourth-order discrete Euler–Lagrange loss; kept at its best position loss on held-out positions. */
export function trainFromPositionsOnly(context: ExperimentContext, s: PositionsSettings, data: PositionData, validation: PositionData, label: string): { model: MlpLagrangian; record: TrainingRecord } {
  const model = lnn(s, context.seed);
  const validate = () => evaluatePositions(model, validation, { method: 'discrete-euler-lagrange', order: 4 });
  const record = timed(context, s, model, label, validate, (onProgress) =>
    trainFromPositions(model, data, { ...recipe(s, context.seed), method: 'discrete-euler-lagrange', order: 4, definiteness: { weight: 1 }, progressEvery: every(s), onProgress }),
  );
  return { model, record };
}

/** The LNN trained on exact q̇ and q̈ (the paper's setting), same shape and budget; kept at its best q̈ loss on validation states. */
export function trainOnVelocities(context: ExperimentContext, s: PositionsSettings, data: TrainingData, validation: TrainingData): { model: MlpLagrangian; record: TrainingRecord } {
  const model = lnn(s, context.seed);
  const validate = () => evaluate(model, validation, { loss: 'l1', batchSize: 512 });
  const record = timed(context, s, model, 'positions: the velocity-supervised LNN (exact q̇, q̈)', validate, (onProgress) =>
    train(model, data, { ...recipe(s, context.seed), definiteness: { weight: 1 }, progressEvery: every(s), onProgress }),
  );
  return { model, record };
}

/** An MLP for q̈ fitted to finite-difference q̇, q̈ of the same positions, same shape and budget; kept at its best loss on finite differences of held-out positions. */
export function trainMlpOnDifferences(context: ExperimentContext, s: PositionsSettings, data: TrainingData, validation: TrainingData, label: string): { model: DynamicsModel; record: TrainingRecord } {
  const model = new MlpDynamics({ dof: 2, hidden: [...s.hidden], angles: [0, 1], angleTransform: 'features', seed: 10 * context.seed + 2 });
  const validate = () => evaluate(model, validation, { loss: 'l1', batchSize: 512 });
  const record = timed(context, s, model, label, validate, (onProgress) => train(model, data, { ...recipe(s, context.seed), progressEvery: every(s), onProgress }));
  return { model, record };
}
