import { evaluatePositions, trueDoublePendulum } from '@lnn/lagrangian';
import { doublePendulum } from '@lnn/systems';
import type { Experiment, ExperimentContext, ExperimentResult } from '../../experiment';
import { analyseModel, analyseVariational } from './analysis';
import { positionsData } from './data';
import { positionsFigures } from './figures';
import { positionsMetrics, type CaseResult } from './metrics';
import { regimeCeiling } from './regime';
import { positionsNotes, positionsTables } from './report';
import { caseLabel, POSITIONS_SETTINGS as SETTINGS, type PositionsSettings } from './settings';
import { trainFromPositionsOnly, trainMlpOnDifferences, trainOnVelocities } from './training';

/**
 * The stages: data of every case; the velocity-supervised LNN; per case the LNN from positions
 * (fourth-order discrete Euler–Lagrange loss) and the MLP on finite differences, each evaluated on
 * held-out accelerations and by the energy of its rollouts; the variational rollouts of the
 * noise-free cases; then metrics, tables, figure and notes.
 */
function run(context: ExperimentContext): ExperimentResult {
  const s = context.settings as PositionsSettings;
  const data = positionsData(s, context.seed);
  const velocity = trainOnVelocities(context, s, data.velocities, data.validationVelocities);
  const velocityResult = { training: velocity.record, analysis: analyseModel(velocity.model, s, data.test, data.starts) };
  velocity.model.dispose();
  const truth = trueDoublePendulum();
  const results: CaseResult[] = s.cases.map((c, i) => {
    const label = caseLabel(c);
    const lnn = trainFromPositionsOnly(context, s, data.positions[i]!, data.validationPositions[i]!, `positions: LNN from positions only, ${label}`);
    const positions = { training: lnn.record, analysis: analyseModel(lnn.model, s, data.test, data.starts) };
    const variational = c.noise === 0 ? analyseVariational(lnn.model, c, s.variationalSteps, data.starts) : undefined;
    lnn.model.dispose();
    const mlp = trainMlpOnDifferences(context, s, data.differenced[i]!, data.validationDifferenced[i]!, `positions: MLP on finite differences, ${label}`);
    const mlpResult = { training: mlp.record, analysis: analyseModel(mlp.model, s, data.test, data.starts) };
    mlp.model.dispose();
    const trueFloor = evaluatePositions(truth, data.positions[i]!, { method: 'discrete-euler-lagrange', order: 4 });
    return { positions, mlp: mlpResult, trueFloor, ...(variational === undefined ? {} : { variational }) };
  });
  return {
    metrics: positionsMetrics(s.cases, results, velocityResult, data.zeroMae, regimeCeiling(doublePendulum(), s.regime) - doublePendulum().energy([0, 0], [0, 0])),
    tables: positionsTables(s),
    figures: positionsFigures(s.cases, results.map((r) => r.variational)),
    notes: positionsNotes(context.scale, s, { velocityMae: velocityResult.analysis.mae, zeroMae: data.zeroMae }),
  };
}

/** Beyond the paper (issue 18): the double pendulum learned from positions alone. */
export const positionsExperiment: Experiment = {
  id: 'positions',
  title: 'Beyond the paper: the double pendulum learned from positions alone',
  paper: 'not in the paper (it needs observed q̇ and q̈); issue 18: within 3× of the velocity-supervised LNN at noise 0, Δt = 0.05',
  // Quick: 6.3–7.0 CPU minutes measured on one thread (seeds 0, 1, 4; wall 13.7 min for seed 4 beside other jobs at load ≈ 7).
  minutes: { test: 0.1, quick: 7 },
  plan: {
    test: 'a miniature (seconds)',
    quick: `the moderate regime (angles ±${SETTINGS.quick.regime.maxAngle}, rates ±${SETTINGS.quick.regime.maxSpeed}, energy capped), ${SETTINGS.quick.cases.length} observation settings (Δt ∈ {0.05, 0.1} × noise ∈ {0, 1e-3}), ${SETTINGS.quick.trajectories.toLocaleString('en')} trajectories of ${SETTINGS.quick.length} positions each; LNN ${[4, ...SETTINGS.quick.hidden, 1].join('→')} from positions, an MLP on finite differences and the velocity-supervised LNN, ${SETTINGS.quick.steps.toLocaleString('en')} steps each`,
    long: 'as in the quick run (long trains only the double pendulum longer)',
    full: `${SETTINGS.full.trajectories.toLocaleString('en')} trajectories per setting, ${SETTINGS.full.steps.toLocaleString('en')} steps per model`,
  },
  settings: SETTINGS,
  run,
};
