import type { Experiment, ExperimentContext, ExperimentResult } from '../../experiment';
import { graphOf, meshData, meshNetworks, restLengthCoverage } from './data';
import { meshFigures } from './figures';
import { meshMetrics } from './metrics';
import { meshNotes, meshTables } from './report';
import { MESH_SETTINGS as SETTINGS, type MeshSettings } from './settings';
import { trainMeshDensities } from './training';
import { onMesh } from './on-mesh';
import { transferRollout } from './transfer';
import { EdgeGraphLagrangian } from '@lnn/graph-lagrangian';

/**
 * The stages: spring networks (disc, rectangle), data from Verlet rollouts, training on the disc,
 * the same weights on the rectangle (held-out accelerations, solver choice, a rollout beside the
 * truth), then metrics, tables, figures and notes.
 */
function run(context: ExperimentContext): ExperimentResult {
  const s = context.settings as MeshSettings;
  const nets = meshNetworks(s);
  const task = context.progress.task('mesh: data', 1, 'sets');
  const data = meshData(nets, s, context.seed);
  task.finish(`${s.data.trajectories * s.data.samplesPerTrajectory} training states on the disc (${nets.small.mesh.nodes} nodes), held-out states on both meshes`);
  const untrained = new EdgeGraphLagrangian({ graph: graphOf(nets.small), hidden: s.hidden, invariance: 'euclidean', seed: 10 * context.seed + 1 });
  const untrainedSmall = onMesh(untrained, graphOf(nets.small), data.heldOutSmall, data.zeroLossSmall);
  const untrainedLarge = onMesh(untrained, graphOf(nets.large), data.heldOutLarge, data.zeroLossLarge);
  [untrained, untrainedSmall.model, untrainedLarge.model].forEach((m) => m.dispose());
  const { model, summary } = trainMeshDensities(context, s, nets, data);
  const small = onMesh(model, graphOf(nets.small), data.heldOutSmall, data.zeroLossSmall);
  const large = onMesh(model, graphOf(nets.large), data.heldOutLarge, data.zeroLossLarge);
  const solver = {
    small: { name: small.choice.name, reason: small.choice.reason, used: small.used, refused: small.refused ?? null },
    large: { name: large.choice.name, reason: large.choice.reason, used: large.used, refused: large.refused ?? null },
    untrainedLarge: { used: untrainedLarge.used, refused: untrainedLarge.refused ?? null },
  };
  const accelerationError = {
    small: small.accelerationError,
    large: large.accelerationError,
    untrainedSmall: untrainedSmall.accelerationError,
    untrainedLarge: untrainedLarge.accelerationError,
  };
  const rolloutTask = context.progress.task('mesh: rollout on the rectangle', 1, 'rollouts');
  const rollout = transferRollout(large.model, nets.large, s, 1000 * context.seed + 7);
  rolloutTask.finish(`${rollout.status}; position error at the end ${(rollout.positionError[rollout.positionError.length - 1] as number).toPrecision(3)}`);
  // The same rollout on the disc it was trained on: whether a stop on the rectangle is the transfer's or the model's.
  const discRollout = transferRollout(small.model, nets.small, s, 1000 * context.seed + 8);
  [model, small.model, large.model].forEach((m) => m.dispose());
  const outcome = {
    nodes: { small: nets.small.mesh.nodes, large: nets.large.mesh.nodes },
    edges: { small: nets.small.restLengths.length, large: nets.large.restLengths.length },
    restLengths: restLengthCoverage(nets),
    training: summary,
    accelerationError,
    solver,
    rollout,
    discRollout,
  };
  return {
    metrics: meshMetrics(outcome),
    tables: meshTables(s),
    figures: meshFigures(rollout, discRollout, `${s.target.nx} × ${s.target.ny} rectangle`),
    notes: meshNotes(context.scale, s, summary, solver, { rectangle: rollout.refusal, disc: discRollout.refusal }),
  };
}

/** Issue 19 (b): a spring network learned on one mesh, run on a larger, differently shaped one. */
export const meshExperiment: Experiment = {
  id: 'mesh',
  title: 'Spring network: edge-graph Lagrangian learned on a disc, run on an unseen rectangle',
  paper: 'not in the paper (issue 19): local node and edge densities transfer across meshes',
  minutes: { test: 0.1, quick: 1.5 },
  plan: {
    test: 'a miniature (seconds)',
    quick: `node and edge MLPs ${SETTINGS.quick.hidden.join('→')} trained ${SETTINGS.quick.steps.toLocaleString('en')} steps on a ${SETTINGS.quick.trainRings}-ring disc; the same weights on a ${SETTINGS.quick.target.nx} × ${SETTINGS.quick.target.ny} rectangle, rollout to t = ${SETTINGS.quick.rollout.tEnd}`,
    long: 'as in the quick run (long trains only the double pendulum longer)',
    full: `MLPs ${SETTINGS.full.hidden.join('→')}, ${SETTINGS.full.steps.toLocaleString('en')} steps; rollout to t = ${SETTINGS.full.rollout.tEnd}`,
  },
  settings: SETTINGS,
  run,
};
