import { MlpDynamics } from '@lnn/baselines';
import { MlpLagrangian, train, trainFromPositions, type DynamicsModel, type PositionData, type Progress, type TrainingData } from '@lnn/lagrangian';
import type { ExperimentContext } from '../../experiment';
import type { PositionsSettings } from './settings';

/** What one training reports. */
export interface TrainingRecord {
  readonly steps: number;
  readonly skipped: number;
  /** Wall seconds, and optimisation steps per second. */
  readonly seconds: number;
  readonly stepsPerSecond: number;
  readonly finalLoss: number;
}

/** The recipe every model shares: L1, Adam (β₂ 0.9), one-cycle schedule, weight decay 1e-6, residuals capped at 1,000; the LNNs also the H_vv guard. */
function recipe(s: PositionsSettings, seed: number) {
  return { steps: s.steps, batchSize: s.batchSize, loss: 'l1' as const, weightDecay: 1e-6, adam: { beta2: 0.9 }, lossCap: 1000, seed: 1000 * seed + 3, schedule: { kind: 'one-cycle' as const, peak: s.peak, total: s.steps } };
}

/** The LNN of the quick recipe's shape (`hidden`, (cos, sin) features). */
export const lnn = (s: PositionsSettings, seed: number) => new MlpLagrangian({ dof: 2, hidden: [...s.hidden], angles: [0, 1], angleTransform: 'features', seed: 10 * seed + 1 });

/** Runs one training under a progress bar and times it. */
function timed(context: ExperimentContext, label: string, steps: number, body: (onProgress: (p: Progress) => void) => { skipped: number; history: readonly (readonly [number, number])[] }): TrainingRecord {
  const task = context.progress.task(label, steps, 'steps');
  const t0 = performance.now();
  let last = Number.NaN;
  const result = body((p) => {
    last = p.loss;
    task.update(p.step, `loss ${p.loss.toPrecision(3)}${p.skipped > 0 ? ` · skipped ${p.skipped}` : ''}`);
  });
  const seconds = (performance.now() - t0) / 1000;
  task.finish(`loss ${last.toPrecision(3)}, ${(steps / seconds).toFixed(1)} steps/s`);
  return { steps, skipped: result.skipped, seconds, stepsPerSecond: steps / seconds, finalLoss: last };
}

const every = (s: PositionsSettings) => Math.max(1, Math.ceil(s.steps / 50));

/** The LNN learned from positions alone: the fourth-order discrete Euler–Lagrange loss. */
export function trainFromPositionsOnly(context: ExperimentContext, s: PositionsSettings, data: PositionData, label: string): { model: MlpLagrangian; record: TrainingRecord } {
  const model = lnn(s, context.seed);
  const record = timed(context, label, s.steps, (onProgress) =>
    trainFromPositions(model, data, { ...recipe(s, context.seed), method: 'discrete-euler-lagrange', order: 4, definiteness: { weight: 1 }, progressEvery: every(s), onProgress }),
  );
  return { model, record };
}

/** The LNN trained on exact q̇ and q̈ (the paper's setting), same shape and budget. */
export function trainOnVelocities(context: ExperimentContext, s: PositionsSettings, data: TrainingData): { model: MlpLagrangian; record: TrainingRecord } {
  const model = lnn(s, context.seed);
  const record = timed(context, 'positions: the velocity-supervised LNN (exact q̇, q̈)', s.steps, (onProgress) =>
    train(model, data, { ...recipe(s, context.seed), definiteness: { weight: 1 }, progressEvery: every(s), onProgress }),
  );
  return { model, record };
}

/** An MLP for q̈ fitted to finite-difference q̇, q̈ of the same positions, same shape and budget. */
export function trainMlpOnDifferences(context: ExperimentContext, s: PositionsSettings, data: TrainingData, label: string): { model: DynamicsModel; record: TrainingRecord } {
  const model = new MlpDynamics({ dof: 2, hidden: [...s.hidden], angles: [0, 1], angleTransform: 'features', seed: 10 * context.seed + 2 });
  const record = timed(context, label, s.steps, (onProgress) => train(model, data, { ...recipe(s, context.seed), progressEvery: every(s), onProgress }));
  return { model, record };
}
