import { EdgeGraphLagrangian } from '@lnn/graph-lagrangian';
import type { ExperimentContext } from '../../experiment';
import { trainWithCheckpoints, trainWithRestarts, type TrainingSummary } from '../training';
import { graphOf, type MeshData, type MeshNetworks } from './data';
import type { MeshSettings } from './settings';

/**
 * The training stage: `EdgeGraphLagrangian` (node and edge MLPs, `invariance: 'euclidean'`, the
 * rest lengths as edge features) on the disc, L1 or MSE on the accelerations, Adam with a one-cycle
 * schedule; with seed restarts (candidate c initialised with seed `10·seed + 1 + 100·c`) and
 * keep-best on the validation states when the settings ask (checkpoints under `egl`).
 */
export function trainMeshDensities(context: ExperimentContext, s: MeshSettings, nets: MeshNetworks, data: MeshData): { model: EdgeGraphLagrangian; summary: TrainingSummary } {
  const make = (candidate: number) => new EdgeGraphLagrangian({ graph: graphOf(nets.small), hidden: s.hidden, invariance: 'euclidean', seed: 10 * context.seed + 1 + 100 * candidate });
  const label = `mesh: training node and edge densities (${s.hidden.join('→')}) on the disc`;
  const options = {
    steps: s.steps,
    batchSize: s.batchSize,
    loss: s.loss,
    schedule: { kind: 'one-cycle' as const, peak: s.peak, total: s.steps },
    seed: 1000 * context.seed + 5,
    ...(s.clipNorm === null ? {} : { clipNorm: s.clipNorm }),
    ...(s.keepBest ? { keepBest: { data: data.validation } } : {}),
  };
  if (s.restarts !== null) {
    const { candidates, trialSteps, acceptRatio } = s.restarts;
    return trainWithRestarts(context, 'egl', label, make, data.train, data.heldOutSmall, { candidates, trialSteps, accept: acceptRatio * data.zeroLossValidation, validation: data.validation }, options);
  }
  const model = make(0);
  return { model, summary: trainWithCheckpoints(context, 'egl', label, model, data.train, data.heldOutSmall, options) };
}
