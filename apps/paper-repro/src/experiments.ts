import type { Experiment } from './experiment';
import { doublePendulumExperiment } from './experiments/double-pendulum';
import { meshExperiment } from './experiments/mesh';
import { propertyTableExperiment } from './experiments/property-table';
import { relativisticExperiment } from './experiments/relativistic';
import { waveExperiment } from './experiments/wave';

/** The experiments `pnpm repro` runs, in order (see ../../shared/PAPER.md). One line each. */
export const EXPERIMENTS: readonly Experiment[] = [
  doublePendulumExperiment,
  relativisticExperiment,
  waveExperiment,
  meshExperiment,
  propertyTableExperiment,
];

/** The ids accepted by `--only`. */
export const EXPERIMENT_IDS: readonly string[] = EXPERIMENTS.map((e) => e.id);
