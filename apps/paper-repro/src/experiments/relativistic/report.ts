import type { Scale, Table } from '../../experiment';
import { meanAbs } from '../../stats';
import type { RelativisticSamples } from './data';
import { LNN_INPUT_SCALE, TRAJECTORIES, type RelativisticSettings } from './settings';
import type { RelativisticTraining } from './training';

/** The LNN's seed restarts in words, for the table notes. */
function restartsText(s: RelativisticSettings): string {
  const r = s.lnn.restarts;
  return r === undefined ? 'none' : `up to ${r.candidates} × ${r.trialSteps.toLocaleString('en')} steps until one's validation MAE is below ${r.acceptRatio} × predicting q̈ = 0`;
}

/** The relativistic experiment's tables: final held-out losses beside the paper's, and the rollouts' energy drift. */
export function relativisticTables(s: RelativisticSettings, data: RelativisticSamples, { models, trainings }: RelativisticTraining): Table[] {
  const { tEnd } = s.rollout;
  const B = TRAJECTORIES.length;
  const verdict = (name: string) => ({ metric: `${name}.relativeToZero` });
  return [
    {
      title: 'Relativistic particle: final held-out loss (mean absolute error of q̈)',
      columns: ['model', 'paper', 'this run', 'this run ÷ predicting q̈ = 0', 'weighted by 1 + γ (the notebook\'s loss)', 'weighted ÷ predicting q̈ = 0', 'paper says'],
      rows: [
        ['LNN on (q, q̇), g as input', '≈ 8e-4', { metric: 'lnn.heldOutMae' }, verdict('lnn'), { metric: 'lnn.weightedMae' }, { metric: 'lnn.weightedRelativeToZero' }, 'succeeds'],
        ['HNN, canonical momentum p = q̇(1 − q̇²)^(−3/2)', '≈ 2e-4', { metric: 'hnn-canonical.heldOutMae' }, verdict('hnn-canonical'), { metric: 'hnn-canonical.weightedMae' }, { metric: 'hnn-canonical.weightedRelativeToZero' }, 'succeeds'],
        ['HNN, q̇ as momentum', '≈ 0.4', { metric: 'hnn-velocity.heldOutMae' }, verdict('hnn-velocity'), { metric: 'hnn-velocity.weightedMae' }, { metric: 'hnn-velocity.weightedRelativeToZero' }, 'fails'],
        ['DeLaN (T = ½ q̇ᵀM(q)q̇)', '—', { metric: 'delan.heldOutMae' }, verdict('delan'), { metric: 'delan.weightedMae' }, { metric: 'delan.weightedRelativeToZero' }, 'cannot represent it (not in the paper\'s runs)'],
        ['predicting q̈ = 0', '—', { metric: 'zeroPredictorMae' }, '1', { metric: 'zeroPredictorWeightedMae' }, '1', ''],
      ],
      notes: [
        "The paper's losses are the official notebooks' training losses (the LNN notebook's weighted by 1 + γ, γ = (1 − q̇²)^(−1/2), which puts most of the weight on samples near c, where q̈ ≈ 0); ours are mean absolute errors of q̈ on fresh samples, plain and weighted the notebook's way, the same for every model. The ratio to the zero predictor says whether a model learned anything: ≈ 1 is failure.",
        `The LNN's recipe: input scales ${JSON.stringify(LNN_INPUT_SCALE)} inside L (derivatives go through them), Adam β₂ = 0.9, seed restarts — initialisations tried in turn for ${restartsText(s)} — and the weights that score best on separate validation samples kept. Candidates' validation MAE: ${(trainings.lnn?.candidates ?? []).map((x) => x.toPrecision(3)).join(', ')} (predicting 0: ${meanAbs(data.validation.qdd).toPrecision(3)}). The baselines take the raw inputs and plain Adam.`,
      ],
    },
    {
      title: `Rollouts from ${B} initial conditions to t = ${tEnd}: energy drift (max |E(t) − E(0)| / max(|E(0)|, 1))`,
      columns: ['model', 'max |q̇ − q̇ true| over the figure', "drift of its own energy (what its dynamics conserve)", 'drift of the true energy'],
      rows: models.map(([name, label]) => [label, { metric: `${name}.velocityError` }, { metric: `${name}.ownEnergyDrift` }, { metric: `${name}.trueEnergyDrift` }]),
      notes: [
        'The true energy is not defined once |q̇| ≥ 1 (shown as NaN), and it grows without bound as |q̇| → 1 (γ = (1 − q̇²)^(−1/2)): near c a small velocity error is a large true-energy error, so the velocity error beside it is the fairer measure of the trajectories.',
      ],
    },
  ];
}

/** The report's paragraph on the setting: the samples and every model's size and training. */
export function relativisticNotes(scale: Scale, s: RelativisticSettings, { models }: RelativisticTraining): string[] {
  return [
    `Setting (${scale}): ${s.trainCount.toLocaleString('en')} samples drawn as the paper (q ∈ U[−10, 10], q̇ = 0.99999·tanh(2·N(0, 1)), g = 10·N(0, 1)); ` +
      models.map(([, label, , t]) => `${label} ${[3, ...t.hidden, label.startsWith('DeLaN') ? 'M, V' : 1].join('→')} for ${t.steps.toLocaleString('en')} steps at batch ${t.batchSize}, peak rate ${t.peak}`).join('; ') +
      '; L1 loss, one-cycle Adam, weight decay 1e-6.',
  ];
}
