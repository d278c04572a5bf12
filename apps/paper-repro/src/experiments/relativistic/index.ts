import type { Experiment, ExperimentContext, ExperimentResult } from '../../experiment';
import { relativisticMetrics } from './analysis';
import { relativisticSamples } from './data';
import { relativisticFigures } from './figures';
import { relativisticNotes, relativisticTables } from './report';
import { relativisticRollouts } from './rollout';
import { RELATIVISTIC_SETTINGS as SETTINGS, type RelativisticSettings } from './settings';
import { trainRelativistic } from './training';

/** The stages in order: data, the four trainings, rollouts, metrics, then tables, figures and notes. */
function run(context: ExperimentContext): ExperimentResult {
  const s = context.settings as RelativisticSettings;
  const data = relativisticSamples(context, s);
  const training = trainRelativistic(context, s, data);
  const rollouts = relativisticRollouts(context, s, training.models);
  for (const [, , model] of training.models) model.dispose();
  return {
    metrics: relativisticMetrics(data, training, rollouts),
    tables: relativisticTables(s, data, training),
    figures: relativisticFigures(training, rollouts),
    notes: relativisticNotes(context.scale, s, training),
  };
}

/** Experiment 2: the relativistic particle — LNN, HNN with and without canonical momentum, DeLaN. */
export const relativisticExperiment: Experiment = {
  id: 'relativistic',
  title: 'Relativistic particle: LNN, HNN (q̇ as momentum), HNN (canonical momentum), DeLaN',
  paper: 'LNN ≈ 8e-4 and canonical HNN ≈ 2e-4 succeed; non-canonical HNN stuck ≈ 0.4',
  minutes: { test: 0.05, quick: 2.1 },
  plan: {
    test: 'a miniature (seconds)',
    quick: `${SETTINGS.quick.trainCount.toLocaleString('en')} samples; LNN ${SETTINGS.quick.lnn.steps.toLocaleString('en')} steps, HNNs and DeLaN ${SETTINGS.quick.hnn.steps.toLocaleString('en')}; final losses and a trajectory figure`,
    long: 'as in the quick run (long trains only the double pendulum longer)',
    full: "600,000 samples, the official 5-matrix width-500 LNN, 150,000 steps at batch 512",
  },
  settings: SETTINGS,
  run,
};
