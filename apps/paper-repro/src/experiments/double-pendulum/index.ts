import type { Experiment, ExperimentContext, ExperimentResult } from '../../experiment';
import { doublePendulumMetrics } from './analysis';
import { doublePendulumData } from './data';
import { doublePendulumFigures } from './figures';
import { doublePendulumNotes, doublePendulumTables } from './report';
import { doublePendulumRollouts } from './rollout';
import { DOUBLE_PENDULUM_SETTINGS as SETTINGS, type DoublePendulumSettings } from './settings';
import { trainDoublePendulum } from './training';

/** The stages in order: data, the LNN's and the MLP's training, energy rollouts, metrics, then tables, figures and notes. */
function run(context: ExperimentContext): ExperimentResult {
  const s = context.settings as DoublePendulumSettings;
  const data = doublePendulumData(context, s);
  const training = trainDoublePendulum(context, s, data);
  const rollouts = doublePendulumRollouts(context, s, training);
  training.lnn.dispose();
  training.mlp.dispose();
  const metrics = doublePendulumMetrics(s, data, training, rollouts);
  return {
    metrics,
    tables: doublePendulumTables(s, metrics),
    figures: doublePendulumFigures(s, training, rollouts, metrics),
    notes: doublePendulumNotes(context.scale, s, training),
  };
}

/** Experiment 1: the double pendulum, LNN against the MLP baseline. */
export const doublePendulumExperiment: Experiment = {
  id: 'double-pendulum',
  title: 'Double pendulum: LNN vs MLP baseline',
  paper: 'acceleration MAE LNN 7.3e-2 vs MLP 7.4e-2; energy error over 40 rollouts LNN 0.4 % vs MLP 8 %',
  // One thread: 48,000 LNN steps at ~33 ms (BENCHMARKS.md quick-dp), the MLP, 80 rollouts to t = 100; long: the committed long run's parts added up.
  minutes: { test: 0.2, quick: 33, long: 130 },
  plan: {
    test: 'a miniature (seconds)',
    quick: `networks ${[4, ...SETTINGS.quick.hidden, 1].join('→')}, ${SETTINGS.quick.trainCount.toLocaleString('en')} states, LNN ${SETTINGS.quick.lnn.steps.toLocaleString('en')} steps, MLP ${SETTINGS.quick.mlp.steps.toLocaleString('en')}; 40 energy rollouts to t = 100 (adaptive Dormand–Prince)`,
    long: `the quick networks trained longer: LNN ${SETTINGS.long.lnn.steps.toLocaleString('en')} steps (and ${(SETTINGS.long.lnn.steps * (SETTINGS.long.lengthCheck?.factor ?? 1)).toLocaleString('en')} for the length check), MLP ${SETTINGS.long.mlp.steps.toLocaleString('en')}; 40 energy rollouts to t = 100`,
    full: `${[4, ...SETTINGS.full.hidden, 1].join('→')}, ${SETTINGS.full.trainCount.toLocaleString('en')} states, ${SETTINGS.full.lnn.steps.toLocaleString('en')} steps at batch ${SETTINGS.full.lnn.batchSize}; 40 energy rollouts to t = 100`,
  },
  settings: SETTINGS,
  run,
};
