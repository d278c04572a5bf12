import type { Experiment, ExperimentContext, ExperimentResult } from '../../experiment';
import { dampedTransferFigures, dampedTransferMetrics, dampedTransferNotes, dampedTransferTables } from './report';
import { runDampedTransfer } from './run';
import { DAMPED_TRANSFER_SETTINGS as SETTINGS, type DampedTransferSettings } from './settings';

function run(context: ExperimentContext): ExperimentResult {
  const s = context.settings as DampedTransferSettings;
  const first = context.previous['double-pendulum'];
  if (first === undefined) throw new Error('damped-transfer: the double-pendulum experiment has no result in this run; run it first (it is added to --only automatically).');
  const result = runDampedTransfer(context, s);
  return { metrics: dampedTransferMetrics(result, first.metrics), tables: dampedTransferTables(s), figures: dampedTransferFigures(result), notes: dampedTransferNotes(context.scale, s) };
}

/** Beyond the paper (issue 18): the damped double pendulum from experiment 1's conservative L: D learned with L frozen, then both fine-tuned. */
export const dampedTransferExperiment: Experiment = {
  id: 'damped-transfer',
  title: "Damped double pendulum: experiment 1's L with a learned dissipation, then both refined (beyond the paper)",
  paper: 'not in the paper; issue 18: the learned decay within 5 % of the true one, an LNN without D visibly fails — here with the conservative L learned in experiment 1 and only D learned',
  minutes: { test: 0.05, quick: 1 }, // quick: 0.6 min wall measured (seed 4, one thread: D alone 9 s, L and D 29 s, rollouts and measures)
  plan: {
    test: 'a miniature (seconds)',
    quick: `experiment 1's LNN frozen; D ${[4, ...SETTINGS.quick.dissipationHidden, 3].join('→')} trained ${SETTINGS.quick.steps.toLocaleString('en')} steps on the damped data, then L and D together ${SETTINGS.quick.fineTune?.steps.toLocaleString('en') ?? 0} steps; rollouts to t = ${SETTINGS.quick.rollout.tEnd}`,
    long: 'as in the quick run',
    full: `experiment 1's LNN frozen; D ${[4, ...SETTINGS.full.dissipationHidden, 3].join('→')} trained ${SETTINGS.full.steps.toLocaleString('en')} steps, then L and D together ${SETTINGS.full.fineTune?.steps.toLocaleString('en') ?? 0}; rollouts to t = ${SETTINGS.full.rollout.tEnd}`,
  },
  settings: SETTINGS,
  needs: ['double-pendulum'],
  run,
};
