import type { Experiment } from './experiment';
import { doublePendulumExperiment } from './experiments/double-pendulum';
import { propertyTableExperiment } from './experiments/property-table';
import { relativisticExperiment } from './experiments/relativistic';

/**
 * Experiment 3's slot: the 1D wave equation with a Lagrangian graph network waits for
 * `@lnn/graph-lagrangian` (issue 7). To wire it in, write `experiments/wave.ts` exporting an
 * `Experiment` with id 'wave' and replace this entry with it in the list below.
 */
const wavePending: Experiment = {
  id: 'wave',
  title: '1D wave equation: Lagrangian graph network on a 100-point periodic grid',
  paper: 'learned density matches ½(φ̇² − (∂φ/∂x)²) up to symmetries; energy conserved over the rollout',
  plan: {
    test: 'waits for @lnn/graph-lagrangian (issue 7)',
    quick: 'waits for @lnn/graph-lagrangian (issue 7): a small density network; wave figure (learned vs true), energy over time, learned vs true density',
    full: 'waits for @lnn/graph-lagrangian (issue 7): the official 6 → 400 → 400 → 400 → 1 density and training length',
  },
  settings: { test: null, quick: null, full: null },
};

/** The experiments `pnpm repro` runs, in order (see ../../shared/PAPER.md). One line each. */
export const EXPERIMENTS: readonly Experiment[] = [
  doublePendulumExperiment,
  relativisticExperiment,
  wavePending,
  propertyTableExperiment,
];

/** The ids accepted by `--only`. */
export const EXPERIMENT_IDS: readonly string[] = EXPERIMENTS.map((e) => e.id);
