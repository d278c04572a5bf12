import * as tf from '@tensorflow/tfjs-core';
import { requireBackend } from '@lnn/autodiff';
import { checkDefiniteness, guardFingerprint, indefiniteness, type DefinitenessGuard } from './definiteness';
import type { DynamicsModel } from './dynamics-model';
import { createAdam } from './internal/adam';
import { fnv1a, hasBundle, readBundle, writeBundle } from './internal/bundle';
import { SeededRandom } from './internal/rng';
import { sameConfig } from './internal/same-config';
import { assignVariables, variableArrays } from './model-io';
import { checkSchedule, learningRate, type Schedule } from './schedule';
import { packData, unpack, type Batch, type PackedData, type TrainingData } from './training-data';

/** Options of {@link train}. */
export interface TrainOptions {
  /** Total optimisation steps (a resumed run continues up to this number). */
  readonly steps: number;
  /** @default 32 (the paper; the official code used 512) */
  readonly batchSize?: number;
  /** Loss on accelerations: mean absolute error (the official code) or mean squared error. @default 'l1' */
  readonly loss?: 'l1' | 'mse';
  /** @default { kind: 'exponential', initial: 1e-3, rate: 0.1, steps } */
  readonly schedule?: Schedule;
  /** Decoupled (AdamW) weight decay per step, times the learning rate. @default 0 */
  readonly weightDecay?: number;
  /**
   * Cap on each residual of the loss (|q̈_pred − q̈| for L1, its square for MSE, per component):
   * beyond it a residual counts as the cap and gives no gradient. Where `H_vv` passes near
   * singular the predicted q̈ runs to 1e3–1e6 at a few states, and their gradients — not the
   * data — would steer the whole update; with a cap well above any real residual (the double
   * pendulum's accelerations stay below ~100 rad/s²) they are ignored. @default no cap
   */
  readonly lossCap?: number;
  /**
   * Scale each step's gradient down to this global (Euclidean, over every variable) norm when it
   * is larger. The LNN's loss spikes by orders of magnitude where `H_vv` passes near singular
   * (gradient norms of 1e8–1e11 against ~200 otherwise, on the double pendulum); clipping keeps
   * such a step from throwing the weights off. @default no clipping
   */
  readonly clipNorm?: number;
  /**
   * A guard on the velocity Hessian `H_vv` of a Lagrangian model (one with
   * `accelerationsAndVelocityHessian`): adds `weight ×` the batch mean of the share of `H_vv`'s
   * eigenvalue mass on its minority sign — 0 where `H_vv` is definite (of either sign: L and −L
   * give the same dynamics), ½ where it is evenly indefinite — to the loss. A physical L has a
   * definite `H_vv` (the mass matrix); a network can settle on an indefinite one, whose
   * near-singular states spike the loss and throw training back to q̈ ≈ 0. `sign: 'positive'`
   * accepts only a positive-definite `H_vv` (the share of its eigenvalue mass that is negative,
   * see `indefiniteness`): use it for a model with a learned dissipation D ≥ 0
   * (`DissipativeLagrangian`), which can only be fitted beside an L of positive `H_vv` — with
   * `'either'` a network that settles on a negative-definite `H_vv` cannot learn the damping.
   * @default none (and `sign` 'either')
   */
  readonly definiteness?: DefinitenessGuard;
  /** Adam's β₁, β₂, ε. @default { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } */
  readonly adam?: { readonly beta1?: number; readonly beta2?: number; readonly epsilon?: number };
  /** Seed of the batch sampling. @default 0 */
  readonly seed?: number;
  /** Held-out data: its acceleration loss ({@link evaluate}) every `every` steps and at the end. */
  readonly evaluation?: { readonly data: TrainingData; readonly every: number; readonly batchSize?: number };
  /** Called every `progressEvery` steps (and at evaluations). */
  readonly onProgress?: (progress: Progress) => void;
  /** @default 100 */
  readonly progressEvery?: number;
  /**
   * Save a checkpoint to `dir` every `every` steps (and at the end); resume from it if present.
   * A checkpoint remembers what its run depends on — the model's configuration, a hash of the
   * data, and the options that shape the weights (batch size, loss, schedule, weight decay,
   * Adam's constants, seed, clipping, guard; not `steps`, so a run may be extended) — and a
   * resume with any of them changed is refused with an error saying what changed, unless
   * `allowChanges` continues from it on purpose.
   */
  readonly checkpoint?: { readonly dir: string; readonly every: number; readonly allowChanges?: boolean };
}

/** A report on the way. */
export interface Progress {
  readonly step: number;
  readonly steps: number;
  /** Training loss of the last step. */
  readonly loss: number;
  readonly learningRate: number;
  /** Updates skipped so far because the loss or the gradient was not finite. */
  readonly skipped: number;
  /** The last step's gradient norm (before clipping). */
  readonly gradientNorm: number;
  /** Held-out loss, when this report follows an evaluation. */
  readonly evaluationLoss?: number;
}

/** What {@link train} returns. */
export interface TrainResult {
  readonly steps: number;
  readonly skipped: number;
  /** `[step, training loss]` every `progressEvery` steps. */
  readonly history: readonly (readonly [number, number])[];
  /** `[step, held-out loss]` at each evaluation. */
  readonly evaluations: readonly (readonly [number, number])[];
  /** The step the run resumed from (0 for a fresh run). */
  readonly resumedFrom: number;
}

const CHECKPOINT_FORMAT = 'lnn-checkpoint';

/** What a run's weights depend on besides the model: a hash of the data, and the options that shape them (defaults resolved). */
function runFingerprint(data: TrainingData, options: TrainOptions): Record<string, unknown> {
  const parts = [data.q, data.qdot, data.qdd, ...(data.extra === undefined ? [] : [data.extra]), ...(data.weight === undefined ? [] : [data.weight])];
  const hashes = parts.map((p) => fnv1a(new Uint8Array(Float64Array.from(p as ArrayLike<number>).buffer)));
  return {
    data: hashes.join('-'),
    batchSize: options.batchSize ?? 32,
    loss: options.loss ?? 'l1',
    schedule: options.schedule ?? { kind: 'exponential', initial: 1e-3, rate: 0.1, steps: options.steps },
    weightDecay: options.weightDecay ?? 0,
    adam: { beta1: options.adam?.beta1 ?? 0.9, beta2: options.adam?.beta2 ?? 0.999, epsilon: options.adam?.epsilon ?? 1e-8 },
    seed: options.seed ?? 0,
    clipNorm: options.clipNorm ?? null,
    definiteness: guardFingerprint(options.definiteness),
    lossCap: options.lossCap ?? null,
  };
}

/** The differences between a checkpoint's fingerprint and this run's, as `name: before → now`. */
function fingerprintChanges(stored: Record<string, unknown>, now: Record<string, unknown>): string[] {
  return Object.keys(now)
    .filter((key) => JSON.stringify(stored[key] ?? null) !== JSON.stringify(now[key] ?? null))
    .map((key) => (key === 'data' ? 'the data (its hash differs)' : `${key}: ${JSON.stringify(stored[key] ?? null)} → ${JSON.stringify(now[key])}`));
}

interface State {
  step: number;
  skipped: number;
  rng: SeededRandom;
  history: [number, number][];
  evaluations: [number, number][];
}

/** Σ wᵢ·lossᵢ and Σ wᵢ over a batch (`lossᵢ` the mean over sample i's components; wᵢ = 1 without weights). */
/** Per-component residuals |d| (L1) or d² (MSE), each capped at `cap` (no gradient beyond it). */
function residuals(kind: 'l1' | 'mse', diff: tf.Tensor, cap?: number): tf.Tensor {
  const r = kind === 'l1' ? tf.abs(diff) : tf.square(diff);
  return cap === undefined ? r : tf.minimum(r, kind === 'l1' ? cap : cap * cap);
}

function lossSums(kind: 'l1' | 'mse', prediction: tf.Tensor, target: tf.Tensor, weight?: tf.Tensor2D, cap?: number): [tf.Scalar, tf.Scalar] {
  const diff = tf.sub(prediction, target);
  const perSample = tf.mean(residuals(kind, diff, cap), 1);
  if (weight === undefined) return [tf.sum(perSample), tf.scalar(perSample.shape[0] as number)];
  const w = tf.reshape(weight, [-1]);
  return [tf.sum(tf.mul(perSample, w)), tf.sum(w)];
}

export function lossOf(kind: 'l1' | 'mse', prediction: tf.Tensor, target: tf.Tensor, weight?: tf.Tensor2D, cap?: number): tf.Scalar {
  if (weight === undefined) return tf.mean(residuals(kind, tf.sub(prediction, target), cap)) as tf.Scalar;
  const [total, weights] = lossSums(kind, prediction, target, weight, cap);
  return tf.div(total, weights);
}

/**
 * The loss a model is trained on: on accelerations, or — for a model with its own state
 * derivative — on `[q̇', q̈]` against the data's `[q̇, q̈]`.
 */
function trainingLoss(model: DynamicsModel, kind: 'l1' | 'mse', { q, qdot, qdd, extra, weight }: Batch, options: TrainOptions): tf.Scalar {
  const { definiteness, lossCap } = options;
  if (definiteness !== undefined && model.accelerationsAndVelocityHessian !== undefined) {
    const { accelerations, hvv } = model.accelerationsAndVelocityHessian(q, qdot, extra);
    return tf.add(lossOf(kind, accelerations, qdd, weight, lossCap), tf.mul(definiteness.weight, indefiniteness(hvv, definiteness.sign)));
  }
  if (model.stateDerivative === undefined) return lossOf(kind, model.accelerations(q, qdot, extra), qdd, weight, lossCap);
  return lossOf(kind, model.stateDerivative(q, qdot, extra), tf.concat([qdot, qdd], 1), weight, lossCap);
}

/**
 * Mean loss on accelerations over held-out data, in batches (comparable across every kind of
 * model); weighted by the data's `weight` when it has one.
 */
export function evaluate(model: DynamicsModel, data: TrainingData | PackedData, options: { loss?: 'l1' | 'mse'; batchSize?: number } = {}): number {
  requireBackend('evaluate');
  const { loss = 'l1', batchSize = 1024 } = options;
  const packed = 'table' in data ? data : packData(data, model.dof, model.extraDim, 'evaluate');
  let total = 0;
  let weights = 0;
  for (let start = 0; start < packed.rows; start += batchSize) {
    const size = Math.min(batchSize, packed.rows - start);
    const sums = tf.tidy(() => {
      const { q, qdot, qdd, extra, weight } = unpack(tf.slice(packed.table, [start, 0], [size, -1]) as tf.Tensor2D, packed);
      return tf.stack(lossSums(loss, model.accelerations(q, qdot, extra), qdd, weight));
    });
    const [t, w] = sums.dataSync() as Float32Array;
    sums.dispose();
    total += t as number;
    weights += w as number;
  }
  if (!('table' in data)) packed.table.dispose();
  return total / weights;
}

function checkOptions(options: TrainOptions): void {
  const where = 'train';
  if (!Number.isInteger(options?.steps) || options.steps < 1) throw new TypeError(`${where}: options.steps must be a positive integer, received ${String(options?.steps)}.`);
  const { batchSize = 32, loss = 'l1', weightDecay = 0, progressEvery = 100 } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new TypeError(`${where}: options.batchSize must be a positive integer, received ${String(batchSize)}.`);
  if (loss !== 'l1' && loss !== 'mse') throw new TypeError(`${where}: options.loss must be 'l1' or 'mse', received ${JSON.stringify(loss)}.`);
  if (!(weightDecay >= 0)) throw new TypeError(`${where}: options.weightDecay must be ≥ 0, received ${String(weightDecay)}.`);
  checkDefiniteness(where, options.definiteness);
  if (options.lossCap !== undefined && !(options.lossCap > 0 && Number.isFinite(options.lossCap))) {
    throw new TypeError(`${where}: options.lossCap must be a positive finite number, received ${String(options.lossCap)}.`);
  }
  if (options.clipNorm !== undefined && !(options.clipNorm > 0 && Number.isFinite(options.clipNorm))) {
    throw new TypeError(`${where}: options.clipNorm must be a positive finite number, received ${String(options.clipNorm)}.`);
  }
  if (!Number.isInteger(progressEvery) || progressEvery < 1) throw new TypeError(`${where}: options.progressEvery must be a positive integer, received ${String(progressEvery)}.`);
  if (options.schedule !== undefined) checkSchedule(options.schedule, where);
  if (options.checkpoint !== undefined && !(Number.isInteger(options.checkpoint.every) && options.checkpoint.every > 0)) {
    throw new TypeError(`${where}: options.checkpoint.every must be a positive integer, received ${String(options.checkpoint.every)}.`);
  }
  if (options.evaluation !== undefined && !(Number.isInteger(options.evaluation.every) && options.evaluation.every > 0)) {
    throw new TypeError(`${where}: options.evaluation.every must be a positive integer, received ${String(options.evaluation.every)}.`);
  }
}

/**
 * Trains any dynamics model on accelerations (on `[q̇', q̈]` for models with a `stateDerivative`)
 * with Adam: L1 or MSE loss, a learning-rate schedule, optional gradient-norm clipping,
 * decoupled weight decay, seeded batches (sampled with replacement), updates skipped and counted
 * when the loss or the gradient is not finite, periodic held-out evaluation, progress
 * callbacks, and checkpoints from which an interrupted run resumes to the same weights as an
 * uninterrupted one (same backend).
 *
 * @example
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import path from 'node:path';
 * import { initBackend } from '@lnn/autodiff';
 * import { MlpLagrangian, train } from '@lnn/lagrangian';
 * import { accelerationDataset, doublePendulum, splitStates } from '@lnn/systems';
 * await initBackend();
 * const dp = doublePendulum();
 * const ds = accelerationDataset(dp, { count: 256, seed: 0, sample: dp.sampleTrainingState });
 * const data = { ...splitStates(ds.arrays.states!.data, 2), qdd: ds.arrays.accelerations!.data };
 * const model = new MlpLagrangian({ dof: 2, hidden: [32, 32], angles: [0, 1], angleTransform: 'wrap' });
 * const dir = path.join(mkdtempSync(path.join(tmpdir(), 'lnn-')), 'dp');
 * const result = train(model, data, { steps: 20, batchSize: 32, schedule: { kind: 'one-cycle', peak: 1e-3, total: 20 },
 *   weightDecay: 1e-6, checkpoint: { dir, every: 10 }, progressEvery: 10 });
 * console.log(result.steps, result.history); // 20, [step, loss] every 10 steps; run again with the same dir and it resumes
 */
export function train(model: DynamicsModel, data: TrainingData, options: TrainOptions): TrainResult {
  requireBackend('train');
  checkOptions(options);
  if (options.definiteness !== undefined && model.accelerationsAndVelocityHessian === undefined) {
    throw new TypeError(`train: options.definiteness needs a Lagrangian model (one with accelerationsAndVelocityHessian); a '${model.kind}' has none.`);
  }
  const { steps, batchSize = 32, loss = 'l1', weightDecay = 0, seed = 0, progressEvery = 100 } = options;
  const schedule: Schedule = options.schedule ?? { kind: 'exponential', initial: 1e-3, rate: 0.1, steps };
  const beta1 = options.adam?.beta1 ?? 0.9;
  const beta2 = options.adam?.beta2 ?? 0.999;
  const epsilon = options.adam?.epsilon ?? 1e-8;
  const packed = packData(data, model.dof, model.extraDim, 'train');
  const held = options.evaluation === undefined ? undefined : packData(options.evaluation.data, model.dof, model.extraDim, 'train: options.evaluation');
  const variables = model.variables;
  const adam = createAdam(variables, { beta1, beta2, epsilon, weightDecay });
  const state: State = { step: 0, skipped: 0, rng: new SeededRandom(seed), history: [], evaluations: [] };

  const checkpointDir = options.checkpoint?.dir;
  const fingerprint = checkpointDir === undefined ? undefined : runFingerprint(data, options);
  if (checkpointDir !== undefined && hasBundle(checkpointDir)) {
    const { manifest, arrays } = readBundle(checkpointDir, 'train: resuming');
    if (manifest.format !== CHECKPOINT_FORMAT) {
      throw new Error(`train: ${checkpointDir} holds ${manifest.format === 'lnn-model' ? `a saved model (saveModel, a ${String(manifest.kind)})` : `a ${String(manifest.format)}`}, not a training checkpoint; give options.checkpoint.dir a folder of its own.`);
    }
    if (manifest.kind !== model.kind || !sameConfig(manifest.config, model)) {
      throw new Error(
        `train: the checkpoint in ${checkpointDir} is for a different model (${manifest.kind === model.kind ? `a ${String(manifest.kind)} configured ${JSON.stringify(manifest.config)}, not ${JSON.stringify(model.config)}` : `a ${String(manifest.kind)}, not a ${model.kind}`}); use another folder or delete it.`,
      );
    }
    const changes = manifest.fingerprint === undefined ? [] : fingerprintChanges(manifest.fingerprint as Record<string, unknown>, fingerprint as Record<string, unknown>);
    if (changes.length > 0 && options.checkpoint?.allowChanges !== true) {
      throw new Error(
        `train: the checkpoint in ${checkpointDir} was written by a run with other inputs — ${changes.join('; ')}. Resuming would continue that run, not this one: use another folder, delete it, or pass checkpoint.allowChanges: true to continue from it on purpose.`,
      );
    }
    const n = variables.length;
    assignVariables(model, arrays.slice(0, n), 'train: resuming');
    const s = manifest.state as { step: number; skipped: number; adamStep: number; rng: number; history: [number, number][]; evaluations: [number, number][] };
    const momentData = variables.map((_, i) => [(arrays[n + 2 * i] as { data: Float32Array }).data, (arrays[n + 2 * i + 1] as { data: Float32Array }).data] as const);
    adam.restore(momentData, s.adamStep);
    Object.assign(state, { step: s.step, skipped: s.skipped, rng: new SeededRandom(s.rng), history: s.history, evaluations: s.evaluations });
  }
  const resumedFrom = state.step;

  const saveCheckpoint = () => {
    if (checkpointDir === undefined) return;
    const arrays = [
      ...variableArrays(model),
      ...adam.moments().flatMap(([m, v], i) => [
        { name: `adam_m${i}`, shape: [...(variables[i] as tf.Variable).shape], data: m },
        { name: `adam_v${i}`, shape: [...(variables[i] as tf.Variable).shape], data: v },
      ]),
    ];
    const { step, skipped, history, evaluations } = state;
    writeBundle(checkpointDir, {
      manifest: { format: CHECKPOINT_FORMAT, formatVersion: 1, kind: model.kind, config: model.config, fingerprint, state: { step, skipped, adamStep: adam.step, rng: state.rng.state, history, evaluations } },
      arrays,
    });
  };

  const runEvaluation = () => {
    if (held === undefined) return undefined;
    const value = evaluate(model, held, { loss, ...(options.evaluation?.batchSize === undefined ? {} : { batchSize: options.evaluation.batchSize }) });
    state.evaluations.push([state.step, value]);
    return value;
  };

  try {
    while (state.step < steps) {
      const lr = learningRate(schedule, state.step);
      const indices = Int32Array.from({ length: batchSize }, () => state.rng.below(packed.rows));
      const { value, grads } = tf.tidy(() => {
        const batch = tf.gather(packed.table, tf.tensor1d(indices, 'int32')) as tf.Tensor2D;
        const parts = unpack(batch, packed);
        return tf.variableGrads(() => trainingLoss(model, loss, parts, options), [...variables]);
      });
      // A variable without a gradient does not reach the loss (e.g. the output bias of an LNN).
      const outcome = adam.update(value, variables.map((v) => grads[v.name]), lr, options.clipNorm === undefined ? {} : { clipNorm: options.clipNorm });
      const lossNumber = outcome.loss;
      if (!outcome.applied) state.skipped++;
      state.step++;
      const evaluationDue = options.evaluation !== undefined && (state.step % options.evaluation.every === 0 || state.step === steps);
      const evaluationLoss = evaluationDue ? runEvaluation() : undefined;
      if (state.step % progressEvery === 0 || state.step === steps) state.history.push([state.step, lossNumber]);
      if (options.onProgress !== undefined && (state.step % progressEvery === 0 || state.step === steps || evaluationLoss !== undefined)) {
        options.onProgress({ step: state.step, steps, loss: lossNumber, learningRate: lr, skipped: state.skipped, gradientNorm: outcome.gradientNorm, ...(evaluationLoss === undefined ? {} : { evaluationLoss }) });
      }
      if (options.checkpoint !== undefined && (state.step % options.checkpoint.every === 0 || state.step === steps)) saveCheckpoint();
    }
  } finally {
    tf.dispose([packed.table, ...(held === undefined ? [] : [held.table])]);
    adam.dispose();
  }
  return { steps: state.step, skipped: state.skipped, history: state.history, evaluations: state.evaluations, resumedFrom };
}
