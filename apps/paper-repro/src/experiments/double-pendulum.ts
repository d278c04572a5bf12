import { MlpDynamics } from '@lnn/baselines';
import { MlpLagrangian, type DynamicsModel, type TrainingData } from '@lnn/lagrangian';
import { solve } from '@lnn/ode';
import { accelerationDataset, doublePendulum, energies, sampleStates, secondOrderProblem, splitStates } from '@lnn/systems';
import type { Experiment, ExperimentContext, ExperimentResult, Scale } from '../experiment';
import { meanAbs, summarize } from '../stats';
import { trainingCurveSpec, VEGA_LITE_SCHEMA } from '../report/figures';
import { rolloutWithProgress, trainWithCheckpoints, trainWithRestarts, type TrainingSummary } from './training';

/** How the LNN is trained: every lever of the recipe, each one a setting (`--set` for ablations). */
export interface LnnRecipe {
  readonly steps: number;
  readonly batchSize: number;
  /** Peak of the one-cycle schedule. */
  readonly peak: number;
  /** Adam's β₂: 0.9 forgets the early gradient spikes (near-singular H_vv) within tens of steps instead of thousands. */
  readonly beta2: number;
  /** How the angles enter the LNN. */
  readonly angleTransform: 'wrap' | 'features';
  /**
   * Weight of the guard on `H_vv`'s definiteness (`train`'s `definiteness`); null: no guard. A run
   * that settles on an indefinite `H_vv` spikes and falls back to q̈ ≈ 0 (seed 3, measured: MAE
   * 11.4 at 24,000 steps without it, the guard made `H_vv` definite within 4,000 steps).
   */
  readonly definiteness: number | null;
  /**
   * Cap on each acceleration residual (`train`'s `lossCap`, rad/s²); null: none. Near-singular
   * `H_vv` gives q̈ of 1e3–1e6 at a few states; capped, they stop steering the update.
   */
  readonly lossCap: number | null;
  /** Global gradient-norm clipping (`train`'s `clipNorm`); null: none. */
  readonly clipNorm: number | null;
  /** Seed restarts: candidates trained `trialSteps` each, the best (validation loss) continued; null: one run. */
  readonly restarts: { readonly candidates: number; readonly trialSteps: number } | null;
  /** Keep the weights of the evaluation with the lowest validation loss instead of the last ones. */
  readonly keepBest: boolean;
}

/** The size of one scale of the double-pendulum experiment. */
interface Settings {
  readonly hidden: readonly number[];
  readonly trainCount: number;
  readonly testCount: number;
  readonly lnn: LnnRecipe;
  /**
   * Also train the same LNN with `factor` times the steps (its own one-cycle schedule) and show
   * both held-out curves in one figure: does training keep improving with length? null: no.
   */
  readonly lengthCheck: { readonly factor: number } | null;
  readonly mlp: { readonly steps: number; readonly batchSize: number; readonly peak: number };
  /** Validation states (restarts, keep-best), separate from the test states. */
  readonly validationCount: number;
  readonly weightDecay: number;
  /**
   * Energy rollouts: initial conditions, horizon, output times, DOPRI5 tolerances, step limit, and
   * `stopAbove`: a rollout whose true energy has moved by more than this × 29.4 from its start is
   * stopped (and counted as stopped): it has left any plausible range and would only slow the
   * others down. null: never stopped for that.
   */
  readonly energy: { readonly count: number; readonly tEnd: number; readonly outputs: number; readonly rtol: number; readonly atol: number; readonly maxSteps: number; readonly stopAbove: number | null };
}

const QUICK_LNN: LnnRecipe = { steps: 48_000, batchSize: 256, peak: 1e-3, beta2: 0.9, angleTransform: 'features', definiteness: 1, lossCap: 1000, clipNorm: null, restarts: null, keepBest: true };
const QUICK_ENERGY = { count: 40, tEnd: 100, outputs: 201, rtol: 1e-6, atol: 1e-6, maxSteps: 200_000, stopAbove: 1 };

const SETTINGS: Record<Scale, Settings> = {
  test: {
    hidden: [16, 16],
    trainCount: 512,
    testCount: 256,
    lnn: { ...QUICK_LNN, steps: 20, batchSize: 32, restarts: { candidates: 2, trialSteps: 5 } },
    lengthCheck: { factor: 2 },
    mlp: { steps: 20, batchSize: 32, peak: 1e-3 },
    validationCount: 128,
    weightDecay: 1e-6,
    energy: { count: 3, tEnd: 1, outputs: 6, rtol: 1e-5, atol: 1e-5, maxSteps: 300, stopAbove: 1 },
  },
  quick: {
    hidden: [128, 128, 128],
    trainCount: 100_000,
    testCount: 5_000,
    lnn: QUICK_LNN,
    lengthCheck: null,
    mlp: { steps: 32_000, batchSize: 256, peak: 1e-3 },
    validationCount: 2_000,
    weightDecay: 1e-6,
    energy: QUICK_ENERGY,
  },
  long: {
    hidden: [128, 128, 128],
    trainCount: 100_000,
    testCount: 5_000,
    lnn: { ...QUICK_LNN, steps: 128_000 },
    lengthCheck: { factor: 0.5 },
    mlp: { steps: 64_000, batchSize: 256, peak: 1e-3 },
    validationCount: 2_000,
    weightDecay: 1e-6,
    energy: QUICK_ENERGY,
  },
  full: {
    hidden: [600, 600, 600],
    trainCount: 600_000,
    testCount: 20_000,
    lnn: { ...QUICK_LNN, steps: 200_000, batchSize: 512 },
    lengthCheck: null,
    mlp: { steps: 200_000, batchSize: 512, peak: 1e-3 },
    validationCount: 5_000,
    weightDecay: 1e-6,
    energy: { count: 40, tEnd: 100, outputs: 1001, rtol: 1.49e-8, atol: 1.49e-8, maxSteps: 2_000_000, stopAbove: 1 },
  },
};

function dataset(count: number, seed: number): TrainingData {
  const dp = doublePendulum();
  const ds = accelerationDataset(dp, { count, seed, sample: dp.sampleTrainingState });
  return { ...splitStates(ds.arrays.states?.data as Float64Array, 2), qdd: ds.arrays.accelerations?.data as Float64Array };
}

/**
 * A rollout stop: a trajectory whose true energy has moved by more than `bound` × 29.4 from its
 * initial one (the true dynamics conserve it) has left any plausible range.
 */
function energyLeftRange(y0: Float64Array, bound: number): (t: number, state: Float64Array, trajectory: number) => string | undefined {
  const dp = doublePendulum();
  const initial = energies(dp, y0);
  return (_t, state, trajectory) => {
    const moved = Math.abs((energies(dp, state)[0] as number) - (initial[trajectory] as number)) / dp.potentialBound;
    return moved > bound || !Number.isFinite(moved) ? `its true energy moved by ${moved.toPrecision(3)} × 29.4 (stop above ${bound})` : undefined;
  };
}

/** |E_true(predicted) − E_true(truth)| / 29.4 at every output time, `[T, B]`. */
function energyErrors(predicted: Float64Array, truth: Float64Array, T: number, B: number): Float64Array {
  const dp = doublePendulum();
  const ep = energies(dp, predicted);
  const et = energies(dp, truth);
  const out = new Float64Array(T * B);
  for (let i = 0; i < T * B; i++) out[i] = Math.abs((ep[i] as number) - (et[i] as number)) / dp.potentialBound;
  return out;
}

interface EnergyStats {
  /** The official metric per initial condition: error at the final time. */
  final: number[];
  /** Mean over the whole trajectory per initial condition. */
  trajectory: number[];
  /** Median over initial conditions at each output time (for the figure). */
  medianOverTime: number[];
  stopped: number;
}

function energyStats(errors: Float64Array, T: number, B: number, status: readonly string[]): EnergyStats {
  const final: number[] = [];
  const trajectory: number[] = [];
  for (let b = 0; b < B; b++) {
    final.push(errors[(T - 1) * B + b] as number);
    let total = 0;
    for (let t = 0; t < T; t++) total += errors[t * B + b] as number;
    trajectory.push(total / T);
  }
  const medianOverTime = Array.from({ length: T }, (_, t) => summarize(errors.subarray(t * B, (t + 1) * B)).median);
  return { final, trajectory, medianOverTime, stopped: status.filter((s) => s !== 'success').length };
}

function run(context: ExperimentContext): ExperimentResult {
  const s = context.settings as Settings;
  const seed = context.seed;
  const dp = doublePendulum();
  const task = context.progress.task('double pendulum: data', 2, 'sets');
  const train = dataset(s.trainCount, 1000 * seed + 1);
  task.update(1);
  const test = dataset(s.testCount, 1000 * seed + 2);
  task.finish(`${s.trainCount} training and ${s.testCount} test states`);
  const zeroLoss = meanAbs(test.qdd);

  const validation = dataset(s.validationCount, 1000 * seed + 5);

  const common = { loss: 'l1' as const, weightDecay: s.weightDecay, seed: 1000 * seed + 3 };
  const trainings: Record<string, TrainingSummary> = {};
  const makeLnn = (candidate: number) => new MlpLagrangian({ dof: 2, hidden: s.hidden, angles: [0, 1], angleTransform: s.lnn.angleTransform, seed: 10 * seed + 1 + 100 * candidate });
  /** Trains an LNN by the recipe for `steps` steps (its own one-cycle schedule over them). */
  const trainLnn = (name: string, label: string, steps: number): { model: MlpLagrangian; summary: TrainingSummary } => {
    const r = s.lnn;
    const options = {
      ...common,
      steps,
      batchSize: r.batchSize,
      adam: { beta2: r.beta2 },
      schedule: { kind: 'one-cycle' as const, peak: r.peak, total: steps },
      ...(r.clipNorm === null ? {} : { clipNorm: r.clipNorm }),
      ...(r.lossCap === null ? {} : { lossCap: r.lossCap }),
      ...(r.definiteness === null ? {} : { definiteness: { weight: r.definiteness } }),
      ...(r.keepBest ? { keepBest: { data: validation } } : {}),
    };
    if (r.restarts !== null) return trainWithRestarts(context, name, label, makeLnn, train, test, { ...r.restarts, validation }, options);
    const model = makeLnn(0);
    return { model, summary: trainWithCheckpoints(context, name, label, model, train, test, options) };
  };
  const lnnRun = trainLnn('lnn', 'double pendulum: training LNN', s.lnn.steps);
  const lnn = lnnRun.model;
  trainings.lnn = lnnRun.summary;
  // Does training keep improving with length? The same recipe over another number of steps.
  const lengthSteps = s.lengthCheck === null ? undefined : Math.round(s.lnn.steps * s.lengthCheck.factor);
  if (lengthSteps !== undefined) {
    const twin = trainLnn('lnn-length-check', `double pendulum: training LNN for ${lengthSteps.toLocaleString('en')} steps (length check)`, lengthSteps);
    trainings['lnn-length-check'] = twin.summary;
    twin.model.dispose();
  }
  const mlp = new MlpDynamics({ dof: 2, hidden: s.hidden, angles: [0, 1], angleTransform: 'wrap', seed: 10 * seed + 2 });
  trainings.mlp = trainWithCheckpoints(context, 'mlp', 'double pendulum: training MLP baseline', mlp, train, test, {
    ...common,
    steps: s.mlp.steps,
    batchSize: s.mlp.batchSize,
    schedule: { kind: 'one-cycle', peak: s.mlp.peak, total: s.mlp.steps },
  });
  const models: [string, string, DynamicsModel][] = [
    ['lnn', 'LNN', lnn],
    ['mlp', 'MLP baseline', mlp],
  ];

  const { count, tEnd, outputs, rtol, atol, maxSteps, stopAbove } = s.energy;
  const times = Float64Array.from({ length: outputs }, (_, i) => (tEnd * i) / (outputs - 1));
  const y0 = sampleStates(dp, dp.sampleEnergyTestState, count, 1000 * seed + 4);
  const truth = context.stage('truth', () => Array.from(solve(secondOrderProblem(dp), y0, times, { method: 'dopri5', rtol: 1e-10, atol: 1e-10 }).states));
  const truthStates = Float64Array.from(truth);
  // The integrator's own floor: the true equations at the tolerance the learned models get.
  const floor = context.stage('integrator-floor', () => {
    const r = solve(secondOrderProblem(dp), y0, times, { method: 'dopri5', rtol, atol });
    return energyStats(energyErrors(r.states, truthStates, outputs, count), outputs, count, r.status);
  });
  const energy: Record<string, EnergyStats> = {};
  for (const [name, label, model] of models) {
    energy[name] = context.stage(`energy-${name}`, () => {
      const r = rolloutWithProgress(context, `double pendulum: ${count} rollouts of the ${label} to t = ${tEnd}`, model, y0, times, {
        rtol,
        atol,
        maxSteps,
        ...(stopAbove === null ? {} : { stop: energyLeftRange(y0, stopAbove) }),
      });
      return energyStats(energyErrors(r.states, truthStates, outputs, count), outputs, count, r.status);
    });
  }
  for (const [, , model] of models) model.dispose();

  const modelMetrics = (name: string) => ({
    training: {
      steps: trainings[name]?.steps ?? null,
      seconds: trainings[name]?.seconds ?? null,
      skipped: trainings[name]?.skipped ?? null,
      resumedFrom: trainings[name]?.resumedFrom ?? null,
      restartCandidates: trainings[name]?.candidates ?? null,
      restartChosen: trainings[name]?.chosen ?? null,
      keptStep: trainings[name]?.keptStep ?? null,
    },
    accelerationMae: trainings[name]?.heldOut ?? null,
    energy: {
      final: { ...summarize(energy[name]?.final ?? []) },
      trajectoryMean: { ...summarize(energy[name]?.trajectory ?? []) },
      stopped: energy[name]?.stopped ?? null,
      perInitialCondition: energy[name]?.final ?? [],
    },
    heldOutHistory: (trainings[name]?.evaluations ?? []).map(([step, loss]) => [step, loss]),
  });
  const twin = trainings['lnn-length-check'];
  const lengthCheck =
    twin === undefined || lengthSteps === undefined
      ? null
      : {
          steps: [s.lnn.steps, lengthSteps],
          heldOut: [trainings.lnn?.heldOut ?? null, twin.heldOut],
          /** Whether the run with more steps ended with a held-out MAE no higher than the other's. */
          longerIsBetter: (lengthSteps > s.lnn.steps ? twin.heldOut <= (trainings.lnn?.heldOut ?? Number.NaN) : (trainings.lnn?.heldOut ?? Number.NaN) <= twin.heldOut),
          heldOutHistory: [trainings.lnn?.evaluations ?? [], twin.evaluations],
        };
  const metrics = {
    zeroPredictorMae: zeroLoss,
    lengthCheck,
    lnn: modelMetrics('lnn'),
    mlp: modelMetrics('mlp'),
    integratorFloor: { final: { ...summarize(floor.final) }, trajectoryMean: { ...summarize(floor.trajectory) } },
    paper: { lnnEnergy: 0.004, mlpEnergy: 0.08, lnnAccelerationMae: 7.3e-2, mlpAccelerationMae: 7.4e-2 },
  };

  const curve = models.flatMap(([name, label]) => (trainings[name]?.evaluations ?? []).map(([step, loss]) => ({ model: label, step, loss })));
  const overTime = models.flatMap(([name, label]) =>
    (energy[name]?.medianOverTime ?? []).map((e, i) => ({ model: label, t: times[i], error: Math.max(e, 1e-12) })),
  ).filter((row) => row.t !== 0 && Number.isFinite(row.error));
  const perIc = models.flatMap(([name, label]) => (energy[name]?.final ?? []).filter(Number.isFinite).map((e) => ({ model: label, error: Math.max(e, 1e-12) })));

  return {
    metrics,
    tables: [
      {
        title: 'Acceleration error on fresh states (mean absolute error of q̈, rad/s²)',
        columns: ['model', 'paper', 'this run', 'predicting q̈ = 0'],
        rows: [
          ['LNN', '7.3e-2', { metric: 'lnn.accelerationMae' }, { metric: 'zeroPredictorMae' }],
          ['MLP baseline', '7.4e-2', { metric: 'mlp.accelerationMae' }, { metric: 'zeroPredictorMae' }],
        ],
      },
      ...(lengthCheck === null
        ? []
        : [
            {
              title: 'Training length: the LNN by the same recipe for two numbers of steps (held-out MAE of q̈ at the end)',
              columns: ['steps', 'held-out MAE'],
              rows: lengthCheck.steps.map((n, k) => [n.toLocaleString('en'), { metric: `lengthCheck.heldOut.${k}` }]),
            },
          ]),
      {
        title: `Energy error over ${count} rollouts to t = ${tEnd} (|E_true(predicted) − E_true(truth)| / 29.4)`,
        columns: ['model', 'paper (final, mean)', 'final: mean', 'final: median', 'final: 25–75 %', 'final: max', 'whole trajectory: mean', 'whole trajectory: median', 'stopped early'],
        rows: [
          ['LNN', '0.4 %', { metric: 'lnn.energy.final.mean', percent: true }, { metric: 'lnn.energy.final.median', percent: true }, cellRange('lnn.energy.final'), { metric: 'lnn.energy.final.max', percent: true }, { metric: 'lnn.energy.trajectoryMean.mean', percent: true }, { metric: 'lnn.energy.trajectoryMean.median', percent: true }, { metric: 'lnn.energy.stopped' }],
          ['MLP baseline', '8 %', { metric: 'mlp.energy.final.mean', percent: true }, { metric: 'mlp.energy.final.median', percent: true }, cellRange('mlp.energy.final'), { metric: 'mlp.energy.final.max', percent: true }, { metric: 'mlp.energy.trajectoryMean.mean', percent: true }, { metric: 'mlp.energy.trajectoryMean.median', percent: true }, { metric: 'mlp.energy.stopped' }],
          ['true equations at the same tolerance (integrator floor)', '—', { metric: 'integratorFloor.final.mean', percent: true }, { metric: 'integratorFloor.final.median', percent: true }, cellRange('integratorFloor.final'), { metric: 'integratorFloor.final.max', percent: true }, { metric: 'integratorFloor.trajectoryMean.mean', percent: true }, { metric: 'integratorFloor.trajectoryMean.median', percent: true }, '—'],
        ],
        notes: [
          '"final" is the official code\'s metric (the true energy of the predicted state at the final time against that of the true state); "whole trajectory" averages the same error over every output time. A rollout that stopped early (left the finite numbers or hit the step limit) is left out of the mean and median and counted in the last column.',
        ],
      },
    ],
    figures: [
      {
        file: 'double-pendulum-energy.svg',
        caption: `Double pendulum: median energy error over the ${count} rollouts against time (log scale)`,
        spec: {
          $schema: VEGA_LITE_SCHEMA,
          width: 520,
          height: 260,
          data: { values: overTime },
          mark: { type: 'line' },
          encoding: {
            x: { field: 't', type: 'quantitative', title: 't' },
            y: { field: 'error', type: 'quantitative', scale: { type: 'log' }, title: '|ΔE| / 29.4 (median)' },
            color: { field: 'model', type: 'nominal' },
          },
        },
      },
      {
        file: 'double-pendulum-final-energy.svg',
        caption: 'Double pendulum: final-time energy error of each rollout (the official metric), one tick per initial condition',
        spec: {
          $schema: VEGA_LITE_SCHEMA,
          width: 520,
          data: { values: perIc },
          mark: { type: 'tick' },
          encoding: {
            x: { field: 'error', type: 'quantitative', scale: { type: 'log' }, title: '|ΔE| / 29.4 at t = 100' },
            y: { field: 'model', type: 'nominal', title: null },
            color: { field: 'model', type: 'nominal', legend: null },
          },
        },
      },
      {
        file: 'double-pendulum-training.svg',
        caption: 'Double pendulum: held-out acceleration error during training',
        spec: trainingCurveSpec(curve, 'held-out MAE of q̈'),
      },
      ...(lengthCheck === null
        ? []
        : [
            {
              file: 'double-pendulum-length.svg',
              caption: `Double pendulum: the LNN trained by the same recipe for ${lengthCheck.steps.map((n) => n.toLocaleString('en')).join(' and ')} steps (each its own one-cycle schedule), held-out MAE during training`,
              spec: trainingCurveSpec(
                lengthCheck.steps.flatMap((n, k) => (lengthCheck.heldOutHistory[k] ?? []).map(([step, loss]) => ({ model: `LNN, ${n.toLocaleString('en')} steps`, step, loss }))),
                'held-out MAE of q̈',
              ),
            },
          ]),
    ],
    notes: [
      `Setting (${context.scale}): both networks ${[4, ...s.hidden, 1].join(' → ')} (softplus; MLP angles wrapped to [−π, π), LNN angles ${s.lnn.angleTransform === 'features' ? 'as (cos, sin) features' : 'wrapped'}); ${s.trainCount.toLocaleString('en')} training states; ` +
        `LNN ${s.lnn.steps.toLocaleString('en')} steps at batch ${s.lnn.batchSize}, MLP ${s.mlp.steps.toLocaleString('en')} steps at batch ${s.mlp.batchSize}; L1 loss, Adam with a one-cycle schedule peaking at ${s.lnn.peak}, weight decay ${s.weightDecay}; ` +
        `LNN recipe (ours, beyond the paper): Adam β₂ = ${s.lnn.beta2} (the default 0.999 remembers the early gradient spikes from near-singular H_vv for thousands of steps, freezing training on the "q̈ ≈ 0" plateau); ` +
        (s.lnn.definiteness === null
          ? 'no guard on H_vv; '
          : `a guard on H_vv's definiteness (weight ${s.lnn.definiteness}: the share of its eigenvalue mass on the minority sign, 0 where H_vv is definite, is added to the loss — a physical L has a definite H_vv, and runs that settled on an indefinite one fell back to q̈ ≈ 0); `) +
        (s.lnn.lossCap === null ? 'no cap on residuals; ' : `each residual capped at ${s.lnn.lossCap} rad/s² (beyond it, no gradient: the near-singular states' q̈ of 1e3–1e6 stop steering the update); `) +
        `gradient-norm clipping ${s.lnn.clipNorm === null ? 'off' : `at ${s.lnn.clipNorm}`}; ` +
        (s.lnn.restarts === null
          ? 'no seed restarts (one initialisation, trained once); '
          : `seed restarts (${s.lnn.restarts.candidates} initialisations trained ${s.lnn.restarts.trialSteps.toLocaleString('en')} steps each on the full schedule, the lowest loss on ${s.validationCount.toLocaleString('en')} separate validation states continued; candidates' validation MAE: ${(trainings.lnn?.candidates ?? []).map((x) => x.toPrecision(3)).join(', ')}); `) +
        (s.lnn.keepBest ? `the weights of the evaluation with the lowest loss on ${s.validationCount.toLocaleString('en')} separate validation states kept${trainings.lnn?.keptStep === undefined ? ' (here the last ones were the best)' : ` (here those of step ${trainings.lnn.keptStep.toLocaleString('en')})`}; ` : 'the last weights kept; ') +
        `a rollout whose true energy moved by more than ${stopAbove ?? '∞'} × 29.4 is stopped and counted as stopped; ` +
        `rollouts by adaptive Dormand–Prince at rtol = atol = ${rtol} (truth at 1e-10), at most ${maxSteps.toLocaleString('en')} steps per rollout. The paper's network is 4 → 600 → 600 → 600 → 1 on 600,000 states (--full).`,
    ],
  };
}

const cellRange = (path: string) => ({ metric: `${path}.q25`, to: `${path}.q75`, percent: true }) as const;

/** Experiment 1: the double pendulum, LNN against the MLP baseline. */
export const doublePendulumExperiment: Experiment = {
  id: 'double-pendulum',
  title: 'Double pendulum: LNN vs MLP baseline',
  paper: 'acceleration MAE LNN 7.3e-2 vs MLP 7.4e-2; energy error over 40 rollouts LNN 0.4 % vs MLP 8 %',
  plan: {
    test: 'a miniature (seconds)',
    quick: `networks ${[4, ...SETTINGS.quick.hidden, 1].join('→')}, ${SETTINGS.quick.trainCount.toLocaleString('en')} states, LNN ${SETTINGS.quick.lnn.steps.toLocaleString('en')} steps, MLP ${SETTINGS.quick.mlp.steps.toLocaleString('en')}; 40 energy rollouts to t = 100 (adaptive Dormand–Prince)`,
    long: `the quick networks trained longer: LNN ${SETTINGS.long.lnn.steps.toLocaleString('en')} steps (and ${(SETTINGS.long.lnn.steps * (SETTINGS.long.lengthCheck?.factor ?? 1)).toLocaleString('en')} for the length check), MLP ${SETTINGS.long.mlp.steps.toLocaleString('en')}; 40 energy rollouts to t = 100`,
    full: `${[4, ...SETTINGS.full.hidden, 1].join('→')}, ${SETTINGS.full.trainCount.toLocaleString('en')} states, ${SETTINGS.full.lnn.steps.toLocaleString('en')} steps at batch ${SETTINGS.full.lnn.batchSize}; 40 energy rollouts to t = 100`,
  },
  settings: SETTINGS,
  run,
};
