/** One experiment of the reproduction: what it shows, and its size in each mode. */
export interface Experiment {
  readonly id: string;
  readonly title: string;
  /** What the paper reports, to be put beside our measurement. */
  readonly paper: string;
  readonly quick: string;
  readonly full: string;
}

/** The experiments `pnpm repro` runs, in order (see ../../shared/PAPER.md). */
export const EXPERIMENTS: readonly Experiment[] = [
  {
    id: 'double-pendulum',
    title: 'Double pendulum: LNN vs MLP baseline',
    paper: 'acceleration MAE LNN 7.3e-2 vs MLP 7.4e-2; energy error over 40 rollouts LNN 0.4 % vs MLP 8 %',
    quick: 'reduced data and training steps, 40 energy rollouts to t = 100 (adaptive Dormand–Prince)',
    full: '600,000 training states, the official training length and recipe',
  },
  {
    id: 'relativistic',
    title: 'Relativistic particle: LNN, HNN (q̇ as momentum), HNN (canonical momentum), DeLaN',
    paper: 'LNN ≈ 8e-4 and canonical HNN ≈ 2e-4 succeed; non-canonical HNN stuck ≈ 0.4',
    quick: 'reduced data and training steps; final losses and a trajectory figure',
    full: "the paper's sample counts and training lengths",
  },
  {
    id: 'wave',
    title: '1D wave equation: Lagrangian graph network on a 100-point periodic grid',
    paper: 'learned density matches ½(φ̇² − (∂φ/∂x)²) up to symmetries; energy conserved over the rollout',
    quick: 'a small density network; wave figure (learned vs true), energy over time, learned vs true density',
    full: 'the official 6 → 400 → 400 → 400 → 1 density and training length',
  },
  {
    id: 'property-table',
    title: 'Property table: neural net, neural ODE, HNN, DeLaN, LNN',
    paper: "the paper's table of which model learns what",
    quick: 'each cell backed by a measured result from the experiments above where one exists',
    full: 'as quick, from the full runs',
  },
];

/** The ids accepted by `--only`. */
export const EXPERIMENT_IDS: readonly string[] = EXPERIMENTS.map((e) => e.id);
