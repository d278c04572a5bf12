import { EdgeGraphLagrangian } from '@lnn/graph-lagrangian';
import type { ExperimentContext } from '../../experiment';
import { trainWithCheckpoints, type TrainingSummary } from '../training';
import { graphOf, type MeshData, type MeshNetworks } from './data';
import type { MeshSettings } from './settings';

/**
 * The training stage: `EdgeGraphLagrangian` (node and edge MLPs, `invariance: 'euclidean'`, the
 * rest lengths as edge features) on the disc, L1 on the accelerations, Adam with a one-cycle
 * schedule (checkpoints under `egl`).
 */
export function trainMeshDensities(context: ExperimentContext, s: MeshSettings, nets: MeshNetworks, data: MeshData): { model: EdgeGraphLagrangian; summary: TrainingSummary } {
  const model = new EdgeGraphLagrangian({ graph: graphOf(nets.small), hidden: s.hidden, invariance: 'euclidean', seed: 10 * context.seed + 1 });
  const summary = trainWithCheckpoints(context, 'egl', `mesh: training node and edge densities (${s.hidden.join('→')}) on the disc`, model, data.train, data.heldOutSmall, {
    steps: s.steps,
    batchSize: s.batchSize,
    loss: 'l1',
    schedule: { kind: 'one-cycle', peak: s.peak, total: s.steps },
    seed: 1000 * context.seed + 5,
  });
  return { model, summary };
}
