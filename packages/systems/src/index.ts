/**
 * @lnn/systems — ground-truth physics in float64: the paper's systems and more, their
 * Lagrangians, closed-form accelerations, energies and samplers; data sets. Systems from a formula
 * are in `@lnn/systems/formula` (it loads mathjs, which this entry does not).
 */
export type { MechanicalSystem } from './system';
export { doublePendulum, type DoublePendulum, type DoublePendulumParameters } from './double-pendulum';
export {
  relativisticAcceleration,
  relativisticEnergy,
  relativisticMomentum,
  relativisticParticle,
  relativisticVelocity,
  type RelativisticParticle,
} from './relativistic-particle';
export { wave1d, type Wave1d, type Wave1dParameters } from './wave-1d';
export { simplePendulum } from './simple-pendulum';
export { harmonicOscillator, type HarmonicOscillator, type HarmonicOscillatorParameters } from './harmonic-oscillator';
export { pendulumChain, type PendulumChainParameters } from './pendulum-chain';
export { accelerations, energies, lagrangianProblem, secondOrderProblem } from './problems';
export { isNonConservative, type NonConservativeSystem } from './non-conservative-system';
export { dampedDoublePendulum, type DampedDoublePendulum, type DampedDoublePendulumParameters } from './damped-double-pendulum';
export { DRIVEN_PENDULUM_REGIMES, drivenPendulum, type DrivenPendulum, type DrivenPendulumParameters, type DrivenPendulumRegime } from './driven-pendulum';
export { checkSignal, compileSignal, constantSignal, piecewise, randomSinusoids, sinusoid, sumOfSignals, zeroSignal, type ControlInput, type Signal } from './signal';
export { compileControlInput } from './control-input';
export { forcedProblem } from './forced-problem';
export { forcedAccelerationDataset, uniformInput, type InputSampler } from './forced-dataset';
export { positionTrajectories, type PositionTrajectories, type PositionTrajectoriesOptions } from './position-trajectories';
export { createRandom, type Random } from './random';
export { accelerationDataset, sampleStates, splitStates, trajectoryDataset, type DataArray, type Dataset, type StateSampler } from './dataset';
export { relativisticDataset } from './relativistic-dataset';
export { DATASET_FORMAT_VERSION, DATASET_MAGIC, decodeDataset, encodeDataset, readDataset, writeDataset } from './dataset-io';
// Graph systems (2D wave, spring networks on meshes), their rollouts and graph data sets.
export type { GraphSystem, SystemGraph } from './system-graph';
export { wave2d, type Wave2d, type Wave2dParameters } from './wave-2d';
export { meshFromTriangles, type Mesh } from './mesh';
export { triangulatedDisc, type TriangulatedDiscOptions } from './triangulated-disc';
export { triangulatedRectangle, type TriangulatedRectangleOptions } from './triangulated-rectangle';
export { springNetwork, type SpringNetwork, type SpringNetworkOptions } from './spring-network';
export { verletRollout, type VerletRolloutOptions, type VerletRolloutResult } from './verlet-rollout';
export { datasetGraph, graphDataset, type GraphDatasetOptions } from './graph-dataset';
export { version } from './version';
