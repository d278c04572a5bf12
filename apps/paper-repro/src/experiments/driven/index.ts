import type { Experiment, ExperimentContext, ExperimentResult } from '../../experiment';
import { drivenFigures, drivenMetrics, drivenNotes, drivenTables } from './report';
import { runDriven } from './run';
import { DRIVEN_SETTINGS as SETTINGS, type DrivenSettings } from './settings';

function run(context: ExperimentContext): ExperimentResult {
  const s = context.settings as DrivenSettings;
  const result = runDriven(context, s);
  return { metrics: drivenMetrics(result), tables: drivenTables(s), figures: drivenFigures(result, s), notes: drivenNotes(context.scale, s, result.training) };
}

/** Beyond the paper (issue 18): the driven damped pendulum learned with D and Q = B u, rolled out under an unseen forcing. */
export const drivenExperiment: Experiment = {
  id: 'driven',
  title: 'Driven damped pendulum: learned dissipation and input force under an unseen forcing (beyond the paper)',
  paper: 'not in the paper (it names external forces as a limit); issue 18: trajectories under an unseen forcing signal',
  minutes: { test: 0.05, quick: 0.6 },
  plan: {
    test: 'a miniature (seconds)',
    quick: `an LNN ${[3, ...SETTINGS.quick.hidden, 1].join('→')} with learned D and B, ${SETTINGS.quick.steps.toLocaleString('en')} steps; a rollout under an unseen forcing to t = ${SETTINGS.quick.rollout.tEnd}`,
    long: 'as in the quick run',
    full: `LNN ${[3, ...SETTINGS.full.hidden, 1].join('→')}, ${SETTINGS.full.steps.toLocaleString('en')} steps; rollout to t = ${SETTINGS.full.rollout.tEnd}`,
  },
  settings: SETTINGS,
  run,
};
