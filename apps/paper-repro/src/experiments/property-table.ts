import { MlpDynamics, NeuralOde } from '@lnn/baselines';
import type { DynamicsModel } from '@lnn/lagrangian';
import { relativisticEnergy } from '@lnn/systems';
import type { Cell, Experiment, ExperimentContext, ExperimentResult, Scale } from '../experiment';
import { metricAt } from '../report/format';
import { meanAbs } from '../stats';
import { relativisticData } from './relativistic-data';
import { rolloutWithProgress, trainWithCheckpoints } from './training';

/** The size of one scale: the two models this experiment trains itself (on the relativistic data). */
interface Settings {
  readonly trainCount: number;
  readonly testCount: number;
  readonly hidden: readonly number[];
  readonly steps: number;
  readonly batchSize: number;
  readonly peak: number;
  /** A ratio to the zero predictor below this counts as "learned". */
  readonly learnedBelow: number;
}

const BY_SCALE: Record<Exclude<Scale, 'long'>, Settings> = {
  test: { trainCount: 512, testCount: 256, hidden: [16, 16], steps: 20, batchSize: 32, peak: 1e-3, learnedBelow: 0.2 },
  quick: { trainCount: 50_000, testCount: 5_000, hidden: [64, 64], steps: 3_000, batchSize: 64, peak: 3e-3, learnedBelow: 0.2 },
  full: { trainCount: 600_000, testCount: 20_000, hidden: [500, 500], steps: 30_000, batchSize: 512, peak: 1e-3, learnedBelow: 0.2 },
};

/** `long` trains only the double pendulum longer; this experiment runs as in `quick`. */
const SETTINGS: Record<Scale, Settings> = { ...BY_SCALE, long: BY_SCALE.quick };

/** True-energy drift of rollouts from (q, q̇, g) states; NaN once a rollout reaches |q̇| ≥ 1. */
function trueDrift(context: ExperimentContext, label: string, model: DynamicsModel): number {
  const y0 = Float64Array.from([0, 0, 0, 0.6]);
  const g = Float64Array.from([2, -5]);
  const T = 41;
  const times = Float64Array.from({ length: T }, (_, i) => (4 * i) / (T - 1));
  const r = rolloutWithProgress(context, `property table: rollouts of the ${label}`, model, y0, times, { rtol: 1e-7, atol: 1e-7, extra: g, maxSteps: 5_000, segments: 4 });
  let worst = 0;
  for (let b = 0; b < 2; b++) {
    const e0 = relativisticEnergy(y0[2 * b] as number, y0[2 * b + 1] as number, g[b] as number);
    for (let t = 0; t < T; t++) {
      const [q, v] = [r.states[(t * 2 + b) * 2] as number, r.states[(t * 2 + b) * 2 + 1] as number];
      if (!(Math.abs(v) < 1)) return Number.NaN;
      worst = Math.max(worst, Math.abs(relativisticEnergy(q, v, g[b] as number) - e0) / Math.max(Math.abs(e0), 1));
    }
  }
  return worst;
}

function run(context: ExperimentContext): ExperimentResult {
  const s = context.settings as Settings;
  const seed = context.seed;
  const relativistic = context.previous.relativistic;
  if (relativistic === undefined) throw new Error('property table: the relativistic experiment has no result in this run; run it first (it is added to --only automatically).');
  const train = relativisticData(s.trainCount, 1000 * seed + 11);
  const test = relativisticData(s.testCount, 1000 * seed + 12);
  const zero = meanAbs(test.qdd);
  const own: Record<string, { ratio: number; trueDrift: number }> = {};
  for (const [name, label, model] of [
    ['mlp', 'MLP (neural net)', new MlpDynamics({ dof: 1, extraDim: 1, hidden: s.hidden, seed: 10 * seed + 5 })],
    ['node', 'neural ODE', new NeuralOde({ dof: 1, extraDim: 1, hidden: s.hidden, seed: 10 * seed + 6 })],
  ] as const) {
    const t = trainWithCheckpoints(context, name, `property table: training the ${label}`, model, train, test, {
      loss: 'l1',
      weightDecay: 1e-6,
      seed: 1000 * seed + 13,
      steps: s.steps,
      batchSize: s.batchSize,
      schedule: { kind: 'one-cycle', peak: s.peak, total: s.steps },
    });
    own[name] = context.stage(`drift-${name}`, () => ({ ratio: t.heldOut / zero, trueDrift: trueDrift(context, label, model) }));
    model.dispose();
  }
  const r = relativistic.metrics;
  const ratio = (name: string) => metricAt(r, `${name}.relativeToZero`) as number;
  const metrics = {
    learnedBelow: s.learnedBelow,
    mlp: { relativeToZero: own.mlp?.ratio ?? null, trueEnergyDrift: own.mlp?.trueDrift ?? null },
    node: { relativeToZero: own.node?.ratio ?? null, trueEnergyDrift: own.node?.trueDrift ?? null },
    hnnCanonical: { relativeToZero: ratio('hnn-canonical'), ownEnergyDrift: metricAt(r, 'hnn-canonical.ownEnergyDrift') as number },
    hnnVelocity: { relativeToZero: ratio('hnn-velocity') },
    delan: { relativeToZero: ratio('delan'), ownEnergyDrift: metricAt(r, 'delan.ownEnergyDrift') as number },
    lnn: { relativeToZero: ratio('lnn'), ownEnergyDrift: metricAt(r, 'lnn.ownEnergyDrift') as number },
  };
  const learned = (path: string, what: string): Cell => {
    const value = metricAt(metrics, path) as number;
    return { prefix: `${value < s.learnedBelow ? 'yes' : 'no'} (${what} `, metric: path, suffix: ')' };
  };
  const conserved = (path: string): Cell => {
    const value = metricAt(metrics, path) as number;
    return { prefix: `${value < 1e-3 ? 'yes' : 'no'} (own-energy drift `, metric: path, suffix: ')' };
  };
  const drifts = (path: string): Cell => ({ prefix: 'no conserved quantity (true-energy drift ', metric: path, suffix: ')' });
  const paper = (x: string) => `paper: ${x}`;
  return {
    metrics,
    tables: [
      {
        title: 'Property table (paper → this run). Measured on the relativistic particle unless stated; "error" is held-out MAE of q̈ ÷ that of predicting 0',
        columns: ['property', 'neural net', 'neural ODE', 'HNN', 'DeLaN', 'LNN'],
        rows: [
          ['models dynamical systems', learned('mlp.relativeToZero', 'error'), learned('node.relativeToZero', 'error'), learned('hnnCanonical.relativeToZero', 'canonical p, error'), learned('delan.relativeToZero', 'error'), learned('lnn.relativeToZero', 'error')],
          ['learns differential equations', `${paper('no')}; ours predicts q̈, an ODE, by construction`, 'yes, by construction', 'yes, by construction', 'yes, by construction', 'yes, by construction'],
          ['learns exact conservation laws', drifts('mlp.trueEnergyDrift'), drifts('node.trueEnergyDrift'), conserved('hnnCanonical.ownEnergyDrift'), conserved('delan.ownEnergyDrift'), conserved('lnn.ownEnergyDrift')],
          ['learns from arbitrary coordinates', learned('mlp.relativeToZero', 'on (q, q̇): error'), learned('node.relativeToZero', 'on (q, q̇): error'), learned('hnnVelocity.relativeToZero', 'q̇ as momentum: error'), 'yes, by construction (any q; M(q) learned)', learned('lnn.relativeToZero', 'on (q, q̇): error')],
          ['learns arbitrary Lagrangians', '— (no Lagrangian)', '— (no Lagrangian)', '— (no Lagrangian)', learned('delan.relativeToZero', 'T not quadratic in q̇: error'), learned('lnn.relativeToZero', 'error')],
        ],
        notes: [
          "The paper's table: every model models dynamical systems; all but the neural net learn differential equations; HNN, DeLaN and LNN learn exact conservation laws; all but the HNN learn from arbitrary coordinates; only the LNN learns arbitrary Lagrangians.",
          `"yes" for learning means an error below ${s.learnedBelow} of the zero predictor's; "yes" for conservation means the model's own energy drifts less than 1e-3 (relative) along DOPRI5 rollouts (rtol 1e-7) from two initial conditions to t = 4. The neural net and neural ODE (${[3, ...s.hidden, 1].join('→')}, ${s.steps.toLocaleString('en')} steps) are trained here; the other columns come from the relativistic experiment.`,
        ],
      },
    ],
    figures: [],
    notes: [],
  };
}

/** Experiment 4: the paper's property table, each cell backed by a measurement where one exists. */
export const propertyTableExperiment: Experiment = {
  id: 'property-table',
  title: 'Property table: neural net, neural ODE, HNN, DeLaN, LNN',
  paper: "the paper's table of which model learns what",
  plan: {
    test: 'a miniature (seconds)',
    quick: 'cells from the relativistic experiment, plus an MLP and a neural ODE trained on the same data',
    long: 'as in the quick run (long trains only the double pendulum longer)',
    full: 'as quick, at the full scale',
  },
  settings: SETTINGS,
  needs: ['relativistic'],
  run,
};
