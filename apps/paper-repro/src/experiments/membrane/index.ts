import type { Experiment, ExperimentContext, ExperimentResult } from '../../experiment';
import { analyseMembrane } from './analysis';
import { membraneData } from './data';
import { membraneFigures } from './figures';
import { membraneMetrics } from './metrics';
import { membraneNotes, membraneTables } from './report';
import { membraneRollouts } from './rollout';
import { MEMBRANE_SETTINGS as SETTINGS, type MembraneSettings } from './settings';
import { trainMembrane } from './training';

/**
 * The stages in order: data on the small grid, the density's training (seed restarts), rollouts
 * of the same weights on the big grid beside the truth, the analysis (energy, field error,
 * dispersion of every mode), then metrics, tables, figures and notes.
 */
function run(context: ExperimentContext): ExperimentResult {
  const s = context.settings as MembraneSettings;
  const data = membraneData(context, s);
  const training = trainMembrane(context, s, data);
  const rollouts = membraneRollouts(context, s, training.model);
  const analysis = analyseMembrane(s, training.model, rollouts);
  const result = {
    metrics: membraneMetrics(data, training, analysis, rollouts, s.rollout.fieldModes),
    tables: membraneTables(s),
    figures: membraneFigures(s, analysis, rollouts, training.summary),
    notes: membraneNotes(context.scale, s, training),
  };
  rollouts.grid.dispose();
  training.model.dispose();
  return result;
}

/** Issue 19 (a): the 2D membrane, a Lagrangian graph network trained on an 8 × 8 periodic grid and run on 64 × 64. */
export const membraneExperiment: Experiment = {
  id: 'membrane',
  title: '2D membrane: a Lagrangian graph network trained on an 8 × 8 periodic grid, run on 64 × 64',
  paper: 'beyond the paper (its graph network stops at a 1D string): true-energy drift ≤ 1 % to t = 50 on 64 × 64, ω²(k) within 2 % for every mode',
  minutes: { test: 0.1, quick: 9.7 },
  plan: {
    test: 'a miniature (seconds)',
    quick: `density ${[10, ...SETTINGS.quick.hidden, 1].join('→')} trained ${SETTINGS.quick.steps.toLocaleString('en')} steps on the ${SETTINGS.quick.trainGrid} × ${SETTINGS.quick.trainGrid} grid; RK4 rollouts on ${SETTINGS.quick.rollout.n} × ${SETTINGS.quick.rollout.n} to t = ${SETTINGS.quick.rollout.tEnd}`,
    long: 'as in the quick run (long trains only the double pendulum longer)',
    full: `density ${[10, ...SETTINGS.full.hidden, 1].join('→')}, ${SETTINGS.full.steps.toLocaleString('en')} steps; rollouts to t = ${SETTINGS.full.rollout.tEnd}`,
  },
  settings: SETTINGS,
  run,
};
