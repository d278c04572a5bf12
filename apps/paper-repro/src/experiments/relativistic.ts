import * as tf from '@tensorflow/tfjs-core';
import { Delan, Hnn } from '@lnn/baselines';
import { MlpLagrangian, type DynamicsModel } from '@lnn/lagrangian';
import { solve } from '@lnn/ode';
import { relativisticAcceleration, relativisticEnergy } from '@lnn/systems';
import type { Experiment, ExperimentContext, ExperimentResult, Scale } from '../experiment';
import { trainingCurveSpec, VEGA_LITE_SCHEMA } from '../report/figures';
import { meanAbs } from '../stats';
import { relativisticData, relativisticLagrangian } from './relativistic-data';
import { rolloutWithProgress, trainWithCheckpoints, type TrainingSummary } from './training';

/** One training of the experiment. */
interface ModelSettings {
  readonly hidden: readonly number[];
  readonly steps: number;
  readonly batchSize: number;
  readonly peak: number;
}

/** The size of one scale of the relativistic-particle experiment. */
interface Settings {
  readonly trainCount: number;
  readonly testCount: number;
  readonly lnn: ModelSettings;
  readonly hnn: ModelSettings;
  readonly delan: ModelSettings;
  /** Trajectory figure and energy drift: horizon, output times, DOPRI5 tolerance. */
  readonly rollout: { readonly tEnd: number; readonly outputs: number; readonly rtol: number; readonly maxSteps: number };
}

const small = (steps: number, batchSize: number, peak: number, hidden: readonly number[] = [64, 64]): ModelSettings => ({ hidden, steps, batchSize, peak });

const SETTINGS: Record<Scale, Settings> = {
  test: {
    trainCount: 512,
    testCount: 256,
    lnn: small(20, 32, 1e-3, [16, 16]),
    hnn: small(20, 32, 1e-3, [16, 16]),
    delan: small(20, 32, 1e-3, [16, 16]),
    rollout: { tEnd: 1, outputs: 6, rtol: 1e-5, maxSteps: 300 },
  },
  quick: {
    trainCount: 50_000,
    testCount: 5_000,
    lnn: small(8_000, 128, 3e-3, [128, 128]),
    hnn: small(3_000, 64, 3e-3),
    delan: small(3_000, 64, 3e-3),
    rollout: { tEnd: 4, outputs: 81, rtol: 1e-7, maxSteps: 5_000 },
  },
  full: {
    trainCount: 600_000,
    testCount: 20_000,
    lnn: small(150_000, 512, 1e-3, [500, 500, 500, 500]),
    hnn: small(30_000, 512, 1e-3, [500, 500]),
    delan: small(30_000, 512, 1e-3, [500, 500]),
    rollout: { tEnd: 4, outputs: 201, rtol: 1e-8, maxSteps: 50_000 },
  },
};

/** Initial conditions of the trajectory figure: q0, q̇0, g. */
const TRAJECTORIES: readonly (readonly [number, number, number])[] = [
  [0, 0, 2],
  [0, 0.6, -5],
];

/** Learned-energy drift along a rollout: max |E(t) − E(0)| / max(|E(0)|, 1), per trajectory, worst one. */
function ownEnergyDrift(model: DynamicsModel, states: Float64Array, T: number, B: number, extra: Float64Array): number | null {
  if (model.energy === undefined) return null;
  const e = tf.tidy(() => {
    const s = tf.tensor2d(Float32Array.from(states), [T * B, 2]);
    const g = tf.tensor2d(Float32Array.from({ length: T * B }, (_, i) => extra[i % B] as number), [T * B, 1]);
    return (model.energy as NonNullable<DynamicsModel['energy']>)(tf.slice(s, [0, 0], [-1, 1]) as tf.Tensor2D, tf.slice(s, [0, 1], [-1, 1]) as tf.Tensor2D, g);
  });
  const values = e.dataSync();
  e.dispose();
  let worst = 0;
  for (let b = 0; b < B; b++) {
    const e0 = values[b] as number;
    for (let t = 0; t < T; t++) worst = Math.max(worst, Math.abs((values[t * B + b] as number) - e0) / Math.max(Math.abs(e0), 1));
  }
  return worst;
}

/** Drift of the true energy along a rollout (NaN once |q̇| ≥ 1, where it is not defined). */
function trueEnergyDrift(states: Float64Array, T: number, B: number, extra: Float64Array): number {
  let worst = 0;
  for (let b = 0; b < B; b++) {
    const g = extra[b] as number;
    const e0 = relativisticEnergy(states[2 * b] as number, states[2 * b + 1] as number, g);
    for (let t = 0; t < T; t++) {
      const [q, v] = [states[(t * B + b) * 2] as number, states[(t * B + b) * 2 + 1] as number];
      if (!(Math.abs(v) < 1)) return Number.NaN;
      worst = Math.max(worst, Math.abs(relativisticEnergy(q, v, g) - e0) / Math.max(Math.abs(e0), 1));
    }
  }
  return worst;
}

interface Rollouts {
  readonly velocity: number[];
  readonly ownDrift: number | null;
  readonly trueDrift: number;
  readonly stopped: number;
}

function run(context: ExperimentContext): ExperimentResult {
  const s = SETTINGS[context.scale];
  const seed = context.seed;
  const task = context.progress.task('relativistic: data', 2, 'sets');
  const train = relativisticData(s.trainCount, 1000 * seed + 11);
  task.update(1);
  const test = relativisticData(s.testCount, 1000 * seed + 12);
  task.finish(`${s.trainCount} training and ${s.testCount} test samples`);
  const zeroLoss = meanAbs(test.qdd);

  const models: [string, string, DynamicsModel, ModelSettings][] = [
    ['lnn', 'LNN', new MlpLagrangian({ dof: 1, extraDim: 1, hidden: s.lnn.hidden, seed: 10 * seed + 1 }), s.lnn],
    ['hnn-velocity', 'HNN, q̇ as momentum', new Hnn({ dof: 1, extraDim: 1, momentum: 'velocity', hidden: s.hnn.hidden, seed: 10 * seed + 2 }), s.hnn],
    ['hnn-canonical', 'HNN, canonical momentum', new Hnn({ dof: 1, extraDim: 1, momentum: 'canonical', hidden: s.hnn.hidden, seed: 10 * seed + 3 }, { momentumMap: relativisticLagrangian }), s.hnn],
    ['delan', 'DeLaN', new Delan({ dof: 1, extraDim: 1, hidden: s.delan.hidden, seed: 10 * seed + 4 }), s.delan],
  ];
  const trainings: Record<string, TrainingSummary> = {};
  for (const [name, label, model, t] of models) {
    trainings[name] = trainWithCheckpoints(context, name, `relativistic: training ${label}`, model, train, test, {
      loss: 'l1',
      weightDecay: 1e-6,
      seed: 1000 * seed + 13,
      steps: t.steps,
      batchSize: t.batchSize,
      schedule: { kind: 'one-cycle', peak: t.peak, total: t.steps },
    });
  }

  const { tEnd, outputs, rtol, maxSteps } = s.rollout;
  const times = Float64Array.from({ length: outputs }, (_, i) => (tEnd * i) / (outputs - 1));
  const B = TRAJECTORIES.length;
  const y0 = Float64Array.from(TRAJECTORIES.flatMap(([q, v]) => [q, v]));
  const g = Float64Array.from(TRAJECTORIES.map(([, , gi]) => gi));
  const truth = context.stage('truth', () => {
    const r = solve({ kind: 'second-order', dof: 1, acceleration: (_t, _q, v, out) => v.forEach((vi, b) => (out[b] = relativisticAcceleration(vi, g[b] as number))) }, y0, times, { method: 'dopri5', rtol: 1e-10, atol: 1e-10 });
    return Array.from({ length: outputs * B }, (_, i) => r.states[2 * i + 1] as number);
  });
  const rollouts: Record<string, Rollouts> = {};
  for (const [name, label, model] of models) {
    rollouts[name] = context.stage(`rollout-${name}`, () => {
      const r = rolloutWithProgress(context, `relativistic: rollouts of the ${label}`, model, y0, times, { rtol, atol: rtol, extra: g, maxSteps, segments: 4 });
      return {
        velocity: Array.from({ length: outputs * B }, (_, i) => r.states[2 * i + 1] as number),
        ownDrift: ownEnergyDrift(model, r.states, outputs, B, g),
        trueDrift: trueEnergyDrift(r.states, outputs, B, g),
        stopped: r.status.filter((st) => st !== 'success').length,
      };
    });
  }
  for (const [, , model] of models) model.dispose();

  const perModel = Object.fromEntries(
    models.map(([name]) => {
      const t = trainings[name] as TrainingSummary;
      return [
        name,
        {
          heldOutMae: t.heldOut,
          relativeToZero: t.heldOut / zeroLoss,
          training: { steps: t.steps, seconds: t.seconds, skipped: t.skipped, resumedFrom: t.resumedFrom },
          ownEnergyDrift: rollouts[name]?.ownDrift ?? null,
          trueEnergyDrift: rollouts[name]?.trueDrift ?? null,
          heldOutHistory: t.evaluations.map(([step, loss]) => [step, loss]),
        },
      ];
    }),
  );
  const metrics = { zeroPredictorMae: zeroLoss, ...perModel, paper: { lnn: 8e-4, hnnCanonical: 2e-4, hnnVelocity: 0.4 } };

  const verdict = (name: string) => ({ metric: `${name}.relativeToZero` });
  const trajectoryRows = [
    ...TRAJECTORIES.flatMap(([, v0, gi], b) => Array.from({ length: outputs }, (_, i) => ({ ic: `q̇₀ = ${v0}, g = ${gi}`, model: 'truth', t: times[i], v: truth[i * B + b] }))),
    ...models.flatMap(([name, label]) =>
      TRAJECTORIES.flatMap(([, v0, gi], b) => Array.from({ length: outputs }, (_, i) => ({ ic: `q̇₀ = ${v0}, g = ${gi}`, model: label, t: times[i], v: rollouts[name]?.velocity[i * B + b] }))),
    ),
  ].filter((row) => typeof row.v === 'number' && Number.isFinite(row.v) && Math.abs(row.v) < 3);
  const curve = models.flatMap(([name, label]) => (trainings[name]?.evaluations ?? []).map(([step, loss]) => ({ model: label, step, loss })));

  return {
    metrics,
    tables: [
      {
        title: 'Relativistic particle: final held-out loss (mean absolute error of q̈)',
        columns: ['model', 'paper', 'this run', 'this run ÷ predicting q̈ = 0', 'paper says'],
        rows: [
          ['LNN on (q, q̇), g as input', '≈ 8e-4', { metric: 'lnn.heldOutMae' }, verdict('lnn'), 'succeeds'],
          ['HNN, canonical momentum p = q̇(1 − q̇²)^(−3/2)', '≈ 2e-4', { metric: 'hnn-canonical.heldOutMae' }, verdict('hnn-canonical'), 'succeeds'],
          ['HNN, q̇ as momentum', '≈ 0.4', { metric: 'hnn-velocity.heldOutMae' }, verdict('hnn-velocity'), 'fails'],
          ['DeLaN (T = ½ q̇ᵀM(q)q̇)', '—', { metric: 'delan.heldOutMae' }, verdict('delan'), 'cannot represent it (not in the paper\'s runs)'],
          ['predicting q̈ = 0', '—', { metric: 'zeroPredictorMae' }, '1', ''],
        ],
        notes: [
          "The paper's losses are the official notebooks' training losses (the LNN's weighted by 1 + γ); ours are plain mean absolute errors of q̈ on fresh samples, the same for every model. The ratio to the zero predictor says whether a model learned anything: ≈ 1 is failure.",
        ],
      },
      {
        title: `Rollouts from ${B} initial conditions to t = ${tEnd}: energy drift (max |E(t) − E(0)| / max(|E(0)|, 1))`,
        columns: ['model', "its own energy (what its dynamics conserve)", 'the true energy'],
        rows: models.map(([name, label]) => [label, { metric: `${name}.ownEnergyDrift` }, { metric: `${name}.trueEnergyDrift` }]),
        notes: ['The true energy is not defined once |q̇| ≥ 1 (shown as NaN).'],
      },
    ],
    figures: [
      {
        file: 'relativistic-trajectories.svg',
        caption: 'Relativistic particle: velocity against time from two initial conditions, truth and each learned model (c = 1)',
        spec: {
          $schema: VEGA_LITE_SCHEMA,
          data: { values: trajectoryRows },
          facet: { column: { field: 'ic', type: 'nominal', title: null } },
          spec: {
            width: 300,
            height: 240,
            mark: { type: 'line' },
            encoding: {
              x: { field: 't', type: 'quantitative' },
              y: { field: 'v', type: 'quantitative', title: 'q̇' },
              color: { field: 'model', type: 'nominal' },
              strokeDash: { condition: { test: "datum.model === 'truth'", value: [4, 3] }, value: [1, 0] },
            },
          },
        },
      },
      {
        file: 'relativistic-training.svg',
        caption: 'Relativistic particle: held-out acceleration error during training',
        spec: trainingCurveSpec(curve, 'held-out MAE of q̈'),
      },
    ],
    notes: [
      `Setting (${context.scale}): ${s.trainCount.toLocaleString('en')} samples drawn as the paper (q ∈ U[−10, 10], q̇ = 0.99999·tanh(2·N(0, 1)), g = 10·N(0, 1)); ` +
        models.map(([, label, , t]) => `${label} ${[3, ...t.hidden, label.startsWith('DeLaN') ? 'M, V' : 1].join('→')} for ${t.steps.toLocaleString('en')} steps at batch ${t.batchSize}, peak rate ${t.peak}`).join('; ') +
        '; L1 loss, one-cycle Adam, weight decay 1e-6.',
    ],
  };
}

/** Experiment 2: the relativistic particle — LNN, HNN with and without canonical momentum, DeLaN. */
export const relativisticExperiment: Experiment = {
  id: 'relativistic',
  title: 'Relativistic particle: LNN, HNN (q̇ as momentum), HNN (canonical momentum), DeLaN',
  paper: 'LNN ≈ 8e-4 and canonical HNN ≈ 2e-4 succeed; non-canonical HNN stuck ≈ 0.4',
  plan: {
    test: 'a miniature (seconds)',
    quick: `${SETTINGS.quick.trainCount.toLocaleString('en')} samples; LNN ${SETTINGS.quick.lnn.steps.toLocaleString('en')} steps, HNNs and DeLaN ${SETTINGS.quick.hnn.steps.toLocaleString('en')}; final losses and a trajectory figure`,
    full: "600,000 samples, the official 5-matrix width-500 LNN, 150,000 steps at batch 512",
  },
  settings: SETTINGS,
  run,
};
