import { edgeGraphFromSystem, type EdgeGraphConfig } from '@lnn/graph-lagrangian';
import type { TrainingData } from '@lnn/lagrangian';
import { graphDataset, springNetwork, triangulatedDisc, triangulatedRectangle, type SpringNetwork } from '@lnn/systems';
import { meanAbs } from '../../stats';
import type { MeshSettings } from './settings';

/** The two spring networks, boundary pinned: the disc trained on, the rectangle run on. */
export interface MeshNetworks {
  readonly small: SpringNetwork;
  readonly large: SpringNetwork;
}

/** The disc of `trainRings` rings jittered by `trainJitter` (seed 1) and the jittered rectangle (seed 2); both with m = k = 1, boundary nodes pinned. */
export function meshNetworks(s: MeshSettings): MeshNetworks {
  const small = springNetwork(triangulatedDisc({ rings: s.trainRings, jitter: s.trainJitter, seed: 1 }), { pinned: 'boundary' });
  const large = springNetwork(triangulatedRectangle({ ...s.target, seed: 2 }), { pinned: 'boundary' });
  return { small, large };
}

/** Rest-length coverage: each mesh's range, and how many of the rectangle's rest lengths lie outside the disc's (the edge density never saw them in training). */
export interface RestLengthCoverage {
  readonly small: { readonly min: number; readonly max: number };
  readonly large: { readonly min: number; readonly max: number };
  readonly largeOutsideSmall: number;
}

/** The rest-length ranges of both networks and the rectangle's count outside the disc's range. */
export function restLengthCoverage(nets: MeshNetworks): RestLengthCoverage {
  const range = (xs: Float64Array) => ({ min: Math.min(...xs), max: Math.max(...xs) });
  const [small, large] = [range(nets.small.restLengths), range(nets.large.restLengths)];
  const largeOutsideSmall = nets.large.restLengths.reduce((n, r) => (r < small.min || r > small.max ? n + 1 : n), 0);
  return { small, large, largeOutsideSmall };
}

/** A network's edge graph for `EdgeGraphLagrangian`: its edges, pinned nodes, and the rest lengths as edge features. */
export function graphOf(net: SpringNetwork): EdgeGraphConfig {
  return edgeGraphFromSystem(net.graph, { edgeFeatures: net.restLengths }).config;
}

/** States of Verlet rollouts of `net` (graphDataset) as training data `[N, dof]`, with the held-out loss of predicting q̈ = 0. */
export function rolloutStates(net: SpringNetwork, s: MeshSettings, trajectories: number, seed: number): { data: TrainingData; zeroLoss: number } {
  const { displacement, velocity } = s.perturbation;
  const ds = graphDataset(net, { ...s.data, trajectories, seed, sample: (rng, q, v) => net.perturbation(rng, q, v, { displacement, velocity }) });
  const field = (name: string) => (ds.arrays[name] as { data: Float64Array }).data;
  const data = { q: field('q'), qdot: field('qdot'), qdd: field('qdd') };
  return { data, zeroLoss: meanAbs(data.qdd) };
}

/** The experiment's data: training and held-out states on the disc, held-out states on the rectangle. */
export interface MeshData {
  readonly train: TrainingData;
  /** Validation states on the disc (restarts, keep-best), and the loss of predicting 0 on them. */
  readonly validation: TrainingData;
  readonly zeroLossValidation: number;
  readonly heldOutSmall: TrainingData;
  readonly heldOutLarge: TrainingData;
  readonly zeroLossSmall: number;
  readonly zeroLossLarge: number;
}

/** Seeds `1000·seed + 1` (training), `+ 2` (held out, disc), `+ 3` (held out, rectangle), `+ 4` (validation, disc). */
export function meshData(nets: MeshNetworks, s: MeshSettings, seed: number): MeshData {
  const train = rolloutStates(nets.small, s, s.data.trajectories, 1000 * seed + 1);
  const small = rolloutStates(nets.small, s, s.heldOutTrajectories, 1000 * seed + 2);
  const large = rolloutStates(nets.large, s, s.heldOutTrajectories, 1000 * seed + 3);
  const validation = rolloutStates(nets.small, s, s.validationTrajectories, 1000 * seed + 4);
  return { train: train.data, validation: validation.data, zeroLossValidation: validation.zeroLoss, heldOutSmall: small.data, heldOutLarge: large.data, zeroLossSmall: small.zeroLoss, zeroLossLarge: large.zeroLoss };
}
