import type { Experiment } from './experiment';
import { dampedExperiment } from './experiments/damped';
import { dampedTransferExperiment } from './experiments/damped-transfer';
import { doublePendulumExperiment } from './experiments/double-pendulum';
import { drivenExperiment } from './experiments/driven';
import { membraneExperiment } from './experiments/membrane';
import { meshExperiment } from './experiments/mesh';
import { positionsExperiment } from './experiments/positions';
import { propertyTableExperiment } from './experiments/property-table';
import { relativisticExperiment } from './experiments/relativistic';
import { waveExperiment } from './experiments/wave';

/** The experiments `pnpm repro` runs, in order (see ../../shared/PAPER.md). One line each. */
export const EXPERIMENTS: readonly Experiment[] = [
  doublePendulumExperiment,
  relativisticExperiment,
  waveExperiment,
  membraneExperiment,
  meshExperiment,
  propertyTableExperiment,
  positionsExperiment,
  dampedExperiment,
  dampedTransferExperiment,
  drivenExperiment,
];

/** The ids accepted by `--only`. */
export const EXPERIMENT_IDS: readonly string[] = EXPERIMENTS.map((e) => e.id);
