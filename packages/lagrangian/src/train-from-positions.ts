import * as tf from '@tensorflow/tfjs-core';
import { LinalgError, requireBackend } from '@lnn/autodiff';
import { createAdam } from './internal/adam';
import { releaseTape } from './internal/release-tape';
import { SeededRandom } from './internal/rng';
import { checkDefiniteness, type DefinitenessGuard } from './definiteness';
import { checkPositionData, fivePointTable, tripleTable, windowTable, type PositionData, type SampleTable } from './position-data';
import { positionLoss, type PositionLossSettings, type PositionMethod, type PositionModel } from './position-loss';
import { checkSchedule, learningRate, type Schedule } from './schedule';
import type { TrainingData } from './training-data';
import { evaluate, type Progress } from './trainer';

/** Options of {@link trainFromPositions}. */
export interface PositionTrainOptions {
  /**
   * `'discrete-euler-lagrange'`: the discrete Euler–Lagrange residual of the model's Lagrangian
   * on consecutive positions, in acceleration units (no integration; needs the model's
   * `lagrangian`; see `order`). `'trajectory'`: RK4 rollouts of
   * the model's accelerations over short windows from finite-difference velocities (any model).
   */
  readonly method: PositionMethod;
  /** Total optimisation steps. */
  readonly steps: number;
  /** @default 32 */
  readonly batchSize?: number;
  /** Mean absolute (`'l1'`) or squared (`'mse'`) error, in acceleration units. @default 'l1' */
  readonly loss?: 'l1' | 'mse';
  /** @default { kind: 'exponential', initial: 1e-3, rate: 0.1, steps } */
  readonly schedule?: Schedule;
  /** Decoupled (AdamW) weight decay per step, times the learning rate. @default 0 */
  readonly weightDecay?: number;
  /** Cap on each residual of the loss, as `train`'s `lossCap`. @default no cap */
  readonly lossCap?: number;
  /** Global gradient-norm clipping, as `train`'s. @default no clipping */
  readonly clipNorm?: number;
  /** The guard on `H_vv`'s definiteness, as `train`'s (Lagrangian models; `sign: 'positive'` for one with a learned dissipation). @default none */
  readonly definiteness?: DefinitenessGuard;
  /** Adam's β₁, β₂, ε. @default { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } */
  readonly adam?: { readonly beta1?: number; readonly beta2?: number; readonly epsilon?: number };
  /** Seed of the batch sampling. @default 0 */
  readonly seed?: number;
  /**
   * Discrete Euler–Lagrange: the residual's order in Δt. `4`: the Richardson extrapolation of the
   * midpoint residual on windows of five positions (`richardsonEulerLagrangeResidual`), times
   * `H_vv⁻¹` — the model's acceleration error at the window's centre up to O(Δt⁴); the learned L
   * is the continuous one (roll it out with `rollout`, RK4 or DOPRI5). `2`: the next position
   * predicted from the two before it by a Newton step on the midpoint discrete Euler–Lagrange
   * equation (triples) — exact for `@lnn/ode`'s variational integrator, so the learned L is the one
   * whose midpoint variational integrator (`variationalRollout`) matches the data, which differs
   * from the continuous L by O(Δt²). @default 4
   */
  readonly order?: 2 | 4;
  /** Discrete Euler–Lagrange, order 2: Newton iterations per prediction. @default 1 */
  readonly newtonSteps?: number;
  /** Trajectory: K, the steps rolled out each way from a window's centre (windows of 2K + 1 samples). @default 2 */
  readonly window?: number;
  /** Trajectory: RK4 steps per sampling interval Δt. @default 1 */
  readonly substeps?: number;
  /** Held-out states with true accelerations: their acceleration loss (`evaluate`) every `every` steps and at the end. */
  readonly evaluation?: { readonly data: TrainingData; readonly every: number; readonly batchSize?: number };
  /** Called every `progressEvery` steps (and at evaluations). */
  readonly onProgress?: (progress: Progress) => void;
  /** @default 100 */
  readonly progressEvery?: number;
}

/** What {@link trainFromPositions} returns. */
export interface PositionTrainResult {
  readonly steps: number;
  /** Updates skipped: the loss or gradient was not finite, or a Newton matrix was singular. */
  readonly skipped: number;
  /** `[step, training loss]` every `progressEvery` steps. */
  readonly history: readonly (readonly [number, number])[];
  /** `[step, held-out acceleration loss]` at each evaluation. */
  readonly evaluations: readonly (readonly [number, number])[];
}

const positiveInteger = (where: string, name: string, value: unknown) => {
  if (!Number.isInteger(value) || (value as number) < 1) throw new TypeError(`${where}: options.${name} must be a positive integer, received ${String(value)}.`);
};
const positiveFinite = (where: string, name: string, value: unknown) => {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) throw new TypeError(`${where}: options.${name} must be a positive finite number, received ${String(value)}.`);
};

/** Validates the options and the model; returns the loss settings with defaults resolved. */
export function positionSettings(where: string, model: PositionModel, dt: number, options: Partial<PositionTrainOptions>): PositionLossSettings {
  const { method, loss = 'l1', newtonSteps = 1, window = 2, substeps = 1, order = 4 } = options;
  if (method !== 'discrete-euler-lagrange' && method !== 'trajectory') {
    throw new TypeError(`${where}: options.method must be 'discrete-euler-lagrange' or 'trajectory', received ${JSON.stringify(method)}.`);
  }
  if (method === 'discrete-euler-lagrange' && model.lagrangian === undefined) {
    throw new TypeError(`${where}: the 'discrete-euler-lagrange' method needs a Lagrangian model (one with a lagrangian, like MlpLagrangian); a '${model.kind}' has none — use method 'trajectory'.`);
  }
  if (model.extraDim > 0) throw new TypeError(`${where}: models with extra inputs are not supported from positions (this '${model.kind}' takes ${model.extraDim}).`);
  if (loss !== 'l1' && loss !== 'mse') throw new TypeError(`${where}: options.loss must be 'l1' or 'mse', received ${JSON.stringify(loss)}.`);
  if (order !== 2 && order !== 4) throw new TypeError(`${where}: options.order must be 2 or 4, received ${JSON.stringify(order)}.`);
  positiveInteger(where, 'newtonSteps', newtonSteps);
  positiveInteger(where, 'window', window);
  positiveInteger(where, 'substeps', substeps);
  if (options.lossCap !== undefined) positiveFinite(where, 'lossCap', options.lossCap);
  const definitenessSign = checkDefiniteness(where, options.definiteness);
  const weight = options.definiteness?.weight ?? 0;
  return { method, dt, loss, lossCap: options.lossCap, definiteness: weight, definitenessSign, newtonSteps, order, window, substeps, onSingular: 'throw' };
}

/** The data's sample rows for a method. */
function sampleTable(where: string, model: PositionModel, data: PositionData, s: PositionLossSettings): SampleTable {
  const length = checkPositionData(data, model.dof, s.method === 'trajectory' ? 2 * s.window + 1 : s.order + 1, where);
  if (s.method === 'trajectory') return windowTable(data, model.dof, length, s.window);
  return s.order === 4 ? fivePointTable(data, model.dof, length) : tripleTable(data, model.dof, length);
}

/**
 * The mean position loss of a model over every sample of some positions-only data, in batches
 * (acceleration units; the quantity {@link trainFromPositions} minimises).
 *
 * @example
 * import { initBackend } from '@lnn/autodiff';
 * import { evaluatePositions, MlpLagrangian } from '@lnn/lagrangian';
 * await initBackend();
 * const positions = [1, 2, 3].flatMap((a) => [0, 1, 2, 3, 4, 5].map((k) => a * Math.cos(0.1 * k)));
 * const model = new MlpLagrangian({ dof: 1, hidden: [16, 16] });
 * const loss = evaluatePositions(model, { positions, trajectories: 3, dt: 0.1 }, { method: 'discrete-euler-lagrange' });
 * console.log(loss); // the untrained model's mean acceleration error on the 3 × 2 five-position windows
 */
export function evaluatePositions(
  model: PositionModel,
  data: PositionData,
  options: Pick<PositionTrainOptions, 'method' | 'loss' | 'order' | 'newtonSteps' | 'window' | 'substeps'> & { readonly batchSize?: number },
): number {
  const where = 'evaluatePositions';
  requireBackend(where);
  const s = positionSettings(where, model, data?.dt, options);
  const { batchSize = 1024 } = options;
  positiveInteger(where, 'batchSize', batchSize);
  const table = sampleTable(where, model, data, s);
  let total = 0;
  for (let start = 0; start < table.rows; start += batchSize) {
    const rows = Math.min(batchSize, table.rows - start);
    const batch = tf.tensor2d(Float32Array.from(table.values.subarray(start * table.width, (start + rows) * table.width)), [rows, table.width]);
    try {
      const loss = positionLoss(model, batch, s);
      total += (loss.dataSync()[0] as number) * rows;
      loss.dispose();
    } finally {
      batch.dispose();
    }
  }
  return total / table.rows;
}

/**
 * Trains a model from positions alone (no q̇, no q̈) with Adam, in the manner of `train`: a
 * learning-rate schedule, seeded batches (sampled with replacement), gradient clipping, weight
 * decay, updates skipped and counted when the loss or gradient is not finite or a Newton matrix is
 * singular, held-out acceleration evaluation and progress callbacks. Both methods measure the error
 * in acceleration units, so their losses compare with each other and with `train`'s.
 *
 * @example
 * import { initBackend } from '@lnn/autodiff';
 * import { MlpLagrangian, trainFromPositions, variationalRollout } from '@lnn/lagrangian';
 * await initBackend();
 * // eight trajectories of a harmonic oscillator (ω = 2), observed as positions only
 * const positions = [0.5, 0.7, 0.9, 1.1, 1.3, 1.5, 1.7, 1.9].flatMap((a) => Array.from({ length: 10 }, (_, k) => a * Math.cos(2 * 0.1 * k + a)));
 * const model = new MlpLagrangian({ dof: 1, hidden: [16, 16] });
 * const result = trainFromPositions(model, { positions, trajectories: 8, dt: 0.1 }, {
 *   method: 'discrete-euler-lagrange', order: 4, steps: 40, batchSize: 16,
 *   schedule: { kind: 'one-cycle', peak: 1e-2, total: 40 }, progressEvery: 20,
 * });
 * console.log(result.history); // [step, loss] at steps 20 and 40 (acceleration units)
 * const rolled = variationalRollout(model, [1], [Math.cos(0.2)], { dt: 0.1, steps: 10 });
 * console.log(rolled.states.length); // 48: 12 times × [q, q̇]
 */
export function trainFromPositions(model: PositionModel, data: PositionData, options: PositionTrainOptions): PositionTrainResult {
  const where = 'trainFromPositions';
  requireBackend(where);
  positiveInteger(where, 'steps', options?.steps);
  const s = { ...positionSettings(where, model, data?.dt, options), onSingular: 'nan' as const };
  const { steps, batchSize = 32, weightDecay = 0, seed = 0, progressEvery = 100 } = options;
  positiveInteger(where, 'batchSize', batchSize);
  positiveInteger(where, 'progressEvery', progressEvery);
  if (!(weightDecay >= 0)) throw new TypeError(`${where}: options.weightDecay must be ≥ 0, received ${String(weightDecay)}.`);
  if (options.clipNorm !== undefined) positiveFinite(where, 'clipNorm', options.clipNorm);
  if (options.evaluation !== undefined) positiveInteger(where, 'evaluation.every', options.evaluation.every);
  const schedule: Schedule = options.schedule ?? { kind: 'exponential', initial: 1e-3, rate: 0.1, steps };
  checkSchedule(schedule, where);
  const table = sampleTable(where, model, data, s);
  const variables = model.variables;
  const adam = createAdam(variables, { beta1: options.adam?.beta1 ?? 0.9, beta2: options.adam?.beta2 ?? 0.999, epsilon: options.adam?.epsilon ?? 1e-8, weightDecay });
  const rng = new SeededRandom(seed);
  const samples = tf.tensor2d(Float32Array.from(table.values), [table.rows, table.width]);
  const history: [number, number][] = [];
  const evaluations: [number, number][] = [];
  let skipped = 0;
  try {
    for (let step = 1; step <= steps; step++) {
      const lr = learningRate(schedule, step - 1);
      const indices = Int32Array.from({ length: batchSize }, () => rng.below(table.rows));
      let outcome = { loss: Number.NaN, gradientNorm: Number.NaN, applied: false };
      try {
        const { value, grads } = tf.tidy(() => {
          const batch = tf.gather(samples, tf.tensor1d(indices, 'int32')) as tf.Tensor2D;
          return tf.variableGrads(() => positionLoss(model, batch, s), [...variables]);
        });
        outcome = adam.update(value, variables.map((v) => grads[v.name]), lr, options.clipNorm === undefined ? {} : { clipNorm: options.clipNorm });
      } catch (error) {
        // A solve the model's own accelerations make (trajectory method) met a non-finite H_vv:
        // skip this batch, and release what the interrupted gradient tape holds.
        releaseTape();
        if (!(error instanceof LinalgError)) throw error;
      }
      if (!outcome.applied) skipped++;
      const evaluationLoss =
        options.evaluation !== undefined && (step % options.evaluation.every === 0 || step === steps)
          ? evaluate(model, options.evaluation.data, { loss: s.loss, ...(options.evaluation.batchSize === undefined ? {} : { batchSize: options.evaluation.batchSize }) })
          : undefined;
      if (evaluationLoss !== undefined) evaluations.push([step, evaluationLoss]);
      if (step % progressEvery === 0 || step === steps) history.push([step, outcome.loss]);
      if (options.onProgress !== undefined && (step % progressEvery === 0 || step === steps || evaluationLoss !== undefined)) {
        options.onProgress({ step, steps, loss: outcome.loss, learningRate: lr, skipped, gradientNorm: outcome.gradientNorm, ...(evaluationLoss === undefined ? {} : { evaluationLoss }) });
      }
    }
  } finally {
    samples.dispose();
    adam.dispose();
  }
  return { steps, skipped, history, evaluations };
}
