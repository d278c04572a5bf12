import type { Experiment, ExperimentContext, ExperimentResult } from '../../experiment';
import { analyseWave } from './analysis';
import { waveData } from './data';
import { waveFigures } from './figures';
import { waveMetrics } from './metrics';
import { waveNotes, waveTables } from './report';
import { waveRollouts } from './rollout';
import { WAVE_SETTINGS as SETTINGS, type WaveSettings } from './settings';
import { trainDensity } from './training';

/**
 * The stages in order: data on the small ring, the density's training (seed restarts), rollouts
 * of the same weights on the big ring beside the truth, the analysis (energy, field error,
 * dispersion, density), then metrics, tables, figures and notes.
 */
function run(context: ExperimentContext): ExperimentResult {
  const s = context.settings as WaveSettings;
  const data = waveData(context, s);
  const training = trainDensity(context, s, data);
  const rollouts = waveRollouts(context, s, training.model);
  const analysis = analyseWave(s, training.model, training.modelSeed, data.heldOut, rollouts);
  rollouts.ring.dispose();
  training.model.dispose();
  return {
    metrics: waveMetrics(data, training, analysis, rollouts.times),
    tables: waveTables(s),
    figures: waveFigures(s, analysis, training.summary, rollouts.times),
    notes: waveNotes(context.scale, s, training),
  };
}

/** Experiment 3: the 1D wave equation with a Lagrangian graph network. */
export const waveExperiment: Experiment = {
  id: 'wave',
  title: '1D wave equation: Lagrangian graph network on a 100-point periodic grid',
  paper: 'learned density matches ½(φ̇² − (∂φ/∂x)²) up to symmetries; energy conserved over the rollout',
  minutes: { test: 0.05, quick: 0.75 },
  plan: {
    test: 'a miniature (seconds)',
    quick: `density ${[6, ...SETTINGS.quick.hidden, 1].join('→')} trained ${SETTINGS.quick.steps.toLocaleString('en')} steps on a ${SETTINGS.quick.trainRing}-point ring; rollouts on the ${SETTINGS.quick.rollout.n}-point ring to t = ${SETTINGS.quick.rollout.tEnd} (a pulse crossing the domain)`,
    long: 'as in the quick run (long trains only the double pendulum longer)',
    full: `the paper's density ${[6, ...SETTINGS.full.hidden, 1].join('→')}, ${SETTINGS.full.steps.toLocaleString('en')} steps; rollouts to t = ${SETTINGS.full.rollout.tEnd}`,
  },
  settings: SETTINGS,
  run,
};
