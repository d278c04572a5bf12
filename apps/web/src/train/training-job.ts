/**
 * The training page's job, run in a Web Worker: a small LNN learns the simple pendulum from
 * generated accelerations with `@lnn/lagrangian`'s own `train`, reporting its loss as it goes and,
 * every so often, a rollout of what it has learned beside the true motion. No DOM, no worker API:
 * `post` receives the messages (tested in Node as it is).
 */
import * as tf from '@tensorflow/tfjs-core';
import { MlpLagrangian, rollout, train } from '@lnn/lagrangian';
import { dopri5, rk4, solve } from '@lnn/ode';
import { accelerationDataset, secondOrderProblem, simplePendulum, splitStates, type StateSampler } from '@lnn/systems';

/** The sizes of the in-browser run: small enough that the loss visibly drops within seconds. */
export interface TrainSettings {
  readonly hidden: readonly number[];
  /** Training states. */
  readonly count: number;
  readonly steps: number;
  readonly batchSize: number;
  /** Peak learning rate of the one-cycle schedule. */
  readonly peak: number;
  readonly seed: number;
  /** A loss report every this many steps. */
  readonly reportEvery: number;
  /** A rollout of the learned pendulum every this many steps. */
  readonly previewEvery: number;
  /** The preview's span (s) and its RK4 step (s). */
  readonly previewSeconds: number;
  readonly previewStep: number;
  /** The preview's start state [θ, θ̇]. */
  readonly previewStart: readonly [number, number];
}

export const TRAIN_SETTINGS: TrainSettings = {
  hidden: [32, 32],
  count: 2048,
  steps: 1500,
  batchSize: 64,
  peak: 1e-2,
  seed: 0,
  reportEvery: 10,
  previewEvery: 100,
  previewSeconds: 4,
  previewStep: 1 / 30,
  previewStart: [2.0, 0],
};

/** What the job tells the page. */
export type TrainMessage =
  | { readonly type: 'progress'; readonly step: number; readonly steps: number; readonly loss: number; readonly skipped: number; readonly seconds: number }
  | { readonly type: 'preview'; readonly step: number; readonly times: readonly number[]; readonly learned: readonly number[]; readonly truth: readonly number[]; readonly note?: string }
  | { readonly type: 'done'; readonly steps: number; readonly seconds: number; readonly firstLoss: number; readonly lastLoss: number };

/** Training states: θ uniform in [−π, π), θ̇ uniform in [−6, 6) rad/s (the swings and the loops). */
export const sampleSimplePendulumState: StateSampler = (rng, q, v) => {
  q[0] = rng.uniform(-Math.PI, Math.PI);
  v[0] = rng.uniform(-6, 6);
};

/** θ(t) of the true pendulum and of `model` from `settings.previewStart`; the model's is cut where it stopped. */
export function preview(model: MlpLagrangian, settings: TrainSettings): { times: number[]; learned: number[]; truth: number[]; note?: string } {
  const n = Math.round(settings.previewSeconds / settings.previewStep);
  const times = Array.from({ length: n + 1 }, (_, i) => i * settings.previewStep);
  const y0 = [...settings.previewStart];
  const truth = solve(secondOrderProblem(simplePendulum()), y0, times, dopri5({ rtol: 1e-9, atol: 1e-9 }));
  const learned = rollout(model, y0, times, rk4({ dt: settings.previewStep }));
  const angle = (states: Float64Array, reached: number) => Array.from({ length: reached }, (_, i) => states[2 * i] as number);
  const reached = learned.reached[0] as number;
  return {
    times,
    learned: angle(learned.states, reached),
    truth: angle(truth.states, n + 1),
    ...(learned.ok ? {} : { note: `the learned pendulum stopped at t = ${(learned.stoppedAt[0] as number).toFixed(2)} s (${learned.status[0]})` }),
  };
}

/**
 * Trains a fresh LNN on the simple pendulum (`simplePendulum()` of `@lnn/systems`: m = l = 1,
 * g = 9.8) and posts progress, previews and a closing summary. A backend must be running.
 */
export function runTraining(settings: TrainSettings, post: (message: TrainMessage) => void, clock: () => number = () => performance.now()): void {
  const start = clock();
  const system = simplePendulum();
  const ds = accelerationDataset(system, { count: settings.count, seed: settings.seed + 1, sample: sampleSimplePendulumState });
  const data = { ...splitStates(ds.arrays.states?.data as Float64Array, 1), qdd: ds.arrays.accelerations?.data as Float64Array };
  const model = new MlpLagrangian({ dof: 1, hidden: settings.hidden, angles: [0], angleTransform: 'features', seed: settings.seed });
  let firstLoss = Number.NaN;
  let lastLoss = Number.NaN;
  const sendPreview = (step: number) => post({ type: 'preview', step, ...preview(model, settings) });
  try {
    sendPreview(0);
    train(model, data, {
      steps: settings.steps,
      batchSize: settings.batchSize,
      loss: 'l1',
      schedule: { kind: 'one-cycle', peak: settings.peak, total: settings.steps },
      seed: settings.seed + 2,
      progressEvery: settings.reportEvery,
      onProgress: (p) => {
        if (Number.isNaN(firstLoss)) firstLoss = p.loss;
        lastLoss = p.loss;
        post({ type: 'progress', step: p.step, steps: p.steps, loss: p.loss, skipped: p.skipped, seconds: (clock() - start) / 1000 });
        if (p.step % settings.previewEvery === 0 && p.step < p.steps) sendPreview(p.step);
      },
    });
    sendPreview(settings.steps);
    post({ type: 'done', steps: settings.steps, seconds: (clock() - start) / 1000, firstLoss, lastLoss });
  } finally {
    model.dispose();
  }
  void tf;
}
