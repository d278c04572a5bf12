import * as tf from '@tensorflow/tfjs-core';
import { MlpLagrangian, rollout, train, type DynamicsModel, type TrainingData } from '@lnn/lagrangian';
import { rk4 } from '@lnn/ode';
import { accelerationDataset, doublePendulum, sampleStates, splitStates } from '@lnn/systems';
import { summarise, time, type Timing } from '../timing';

/**
 * The times of `steps` consecutive training steps (L1, Adam with weight decay 1e-6, one-cycle
 * schedule) of `model` at `batch`, after `warmup` steps that are not counted.
 */
export function trainingStepSamples(model: DynamicsModel, data: TrainingData, batch: number, steps: number, warmup: number): number[] {
  const stamps: number[] = [];
  let last = performance.now();
  train(model, data, {
    steps: steps + warmup,
    batchSize: batch,
    schedule: { kind: 'one-cycle', peak: 1e-3, total: steps + warmup },
    weightDecay: 1e-6,
    progressEvery: 1,
    onProgress: () => {
      const now = performance.now();
      stamps.push(now - last);
      last = now;
    },
  });
  return stamps.slice(warmup);
}

/** {@link trainingStepSamples}, summarised. */
export function trainingStepTiming(model: DynamicsModel, data: TrainingData, batch: number, steps: number, warmup: number): Timing {
  return summarise(trainingStepSamples(model, data, batch, steps, warmup));
}

/** The double-pendulum LNN the quick `pnpm repro` trains: 4→128→128→128→1 on (cos, sin) angle features. */
export const QUICK_DP_LNN = { dof: 2, hidden: [128, 128, 128], angles: [0, 1], angleTransform: 'features' as const };

/** Its training batch. */
export const QUICK_DP_BATCH = 256;

/** Double-pendulum training data: `count` states drawn as the paper's, with their accelerations. */
export function doublePendulumData(count: number, seed: number): TrainingData {
  const dp = doublePendulum();
  const ds = accelerationDataset(dp, { count, seed, sample: dp.sampleTrainingState });
  return { ...splitStates(ds.arrays.states!.data, 2), qdd: ds.arrays.accelerations!.data };
}

/** The LNN's costs on the double pendulum (issue 5's benchmark). */
export interface LnnResult {
  readonly widths: readonly number[];
  /** One training step (L1, Adam, one-cycle) at each batch size. */
  readonly training: readonly { readonly batch: number; readonly timing: Timing; readonly warmup: number }[];
  readonly acceleration: readonly { readonly batch: number; readonly timing: Timing; readonly warmup: number }[];
  readonly rollout: Timing;
  readonly wrapAngles: boolean;
}

/**
 * One training step (batch 32 and any others asked for; L1, Adam, one-cycle), one acceleration evaluation at
 * batch 1 and 1,024, and a 40-trajectory, 100-step RK4 rollout of a softplus LNN
 * 4→500→500→500→1 on the double pendulum, on the current backend.
 */
export function lnnCosts(
  options: { hidden?: readonly number[]; steps?: number; repetitions?: number; wrapAngles?: boolean; batches?: readonly number[]; rolloutRepetitions?: number } = {},
): LnnResult {
  const { hidden = [500, 500, 500], steps = 30, repetitions = 15, wrapAngles = false, batches = [32] } = options;
  const dp = doublePendulum();
  const ds = accelerationDataset(dp, { count: 4096, seed: 0, sample: dp.sampleTrainingState });
  const { q, qdot } = splitStates(ds.arrays.states!.data, 2);
  // The plain MLP 4→500→500→500→1 by default; `wrapAngles` adds the angle-wrapping input transform.
  const model = new MlpLagrangian({ dof: 2, hidden, ...(wrapAngles ? { angles: [0, 1], angleTransform: 'wrap' as const } : {}), seed: 0 });
  // A training step at each batch size: `steps` steps at batch 32, proportionally fewer (≥ 6) at
  // larger batches; the first three of each run warm the kernels up.
  const training = batches.map((batch) => {
    const count = Math.max(6, Math.round((steps * 32) / batch));
    return { batch, timing: trainingStepTiming(model, { q, qdot, qdd: ds.arrays.accelerations!.data }, batch, count, 3), warmup: 3 };
  });
  const acceleration = [1, 1024].map((batch) => {
    const qt = tf.tensor2d(Float32Array.from(q.subarray(0, 2 * batch)), [batch, 2]);
    const vt = tf.tensor2d(Float32Array.from(qdot.subarray(0, 2 * batch)), [batch, 2]);
    // Batch 1 takes about a millisecond: many repetitions for a stable median.
    const reps = batch === 1 ? Math.max(repetitions, 300) : repetitions;
    const warmup = batch === 1 ? 30 : 3;
    const timing = time(() => {
      const a = model.accelerations(qt, vt);
      a.dataSync();
      a.dispose();
    }, reps, warmup);
    tf.dispose([qt, vt]);
    return { batch, timing, warmup };
  });
  const y0 = sampleStates(dp, dp.sampleEnergyTestState, 40, 1);
  const dt = 0.01;
  const rolloutTiming = time(() => {
    const r = rollout(model, y0, [0, 100 * dt], rk4({ dt }));
    if (r.stats.steps !== 100) throw new Error(`lnn bench: expected 100 RK4 steps, took ${r.stats.steps}`);
  }, options.rolloutRepetitions ?? Math.max(3, Math.floor(repetitions / 5)), 1);
  model.dispose();
  return { widths: [4, ...hidden, 1], training, acceleration, rollout: rolloutTiming, wrapAngles };
}
