import type { Scale } from '../../experiment';

/** How the LNN is trained: every lever of the recipe, each one a setting (`--set` for ablations). */
export interface LnnRecipe {
  readonly steps: number;
  readonly batchSize: number;
  /** Peak of the one-cycle schedule. */
  readonly peak: number;
  /** Adam's β₂: 0.9 forgets the early gradient spikes (near-singular H_vv) within tens of steps instead of thousands. */
  readonly beta2: number;
  /** How the angles enter the LNN. */
  readonly angleTransform: 'wrap' | 'features';
  /**
   * Weight of the guard on `H_vv`'s definiteness (`train`'s `definiteness`); null: no guard. A run
   * that settles on an indefinite `H_vv` spikes and falls back to q̈ ≈ 0 (seed 3, measured: MAE
   * 11.4 at 24,000 steps without it, the guard made `H_vv` definite within 4,000 steps).
   */
  readonly definiteness: number | null;
  /**
   * Cap on each acceleration residual (`train`'s `lossCap`, rad/s²); null: none. Near-singular
   * `H_vv` gives q̈ of 1e3–1e6 at a few states; capped, they stop steering the update.
   */
  readonly lossCap: number | null;
  /** Global gradient-norm clipping (`train`'s `clipNorm`); null: none. */
  readonly clipNorm: number | null;
  /** Seed restarts: candidates trained `trialSteps` each, the best (validation loss) continued; null: one run. */
  readonly restarts: { readonly candidates: number; readonly trialSteps: number } | null;
  /** Keep the weights of the evaluation with the lowest validation loss instead of the last ones. */
  readonly keepBest: boolean;
}

/** The size of one scale of the double-pendulum experiment. */
export interface DoublePendulumSettings {
  readonly hidden: readonly number[];
  readonly trainCount: number;
  readonly testCount: number;
  readonly lnn: LnnRecipe;
  /**
   * Also train the same LNN with `factor` times the steps (its own one-cycle schedule) and show
   * both held-out curves in one figure: does training keep improving with length? null: no.
   */
  readonly lengthCheck: { readonly factor: number } | null;
  readonly mlp: { readonly steps: number; readonly batchSize: number; readonly peak: number };
  /** Validation states (restarts, keep-best), separate from the test states. */
  readonly validationCount: number;
  readonly weightDecay: number;
  /**
   * Energy rollouts: initial conditions, horizon, output times, DOPRI5 tolerances, step limit, and
   * `stopAbove`: a rollout whose true energy has moved by more than this × 29.4 from its start is
   * stopped (and counted as stopped): it has left any plausible range and would only slow the
   * others down. null: never stopped for that.
   */
  readonly energy: { readonly count: number; readonly tEnd: number; readonly outputs: number; readonly rtol: number; readonly atol: number; readonly maxSteps: number; readonly stopAbove: number | null };
}

const QUICK_LNN: LnnRecipe = { steps: 48_000, batchSize: 256, peak: 1e-3, beta2: 0.9, angleTransform: 'features', definiteness: 1, lossCap: 1000, clipNorm: null, restarts: null, keepBest: true };
const QUICK_ENERGY = { count: 40, tEnd: 100, outputs: 201, rtol: 1e-6, atol: 1e-6, maxSteps: 200_000, stopAbove: 1 };
const QUICK: DoublePendulumSettings = {
  hidden: [128, 128, 128],
  trainCount: 100_000,
  testCount: 5_000,
  lnn: QUICK_LNN,
  lengthCheck: null,
  mlp: { steps: 32_000, batchSize: 256, peak: 1e-3 },
  validationCount: 2_000,
  weightDecay: 1e-6,
  energy: QUICK_ENERGY,
};

/** The settings of each scale (`long` trains longer and adds the length check). */
export const DOUBLE_PENDULUM_SETTINGS: Record<Scale, DoublePendulumSettings> = {
  test: {
    hidden: [16, 16],
    trainCount: 512,
    testCount: 256,
    lnn: { ...QUICK_LNN, steps: 20, batchSize: 32, restarts: { candidates: 2, trialSteps: 5 } },
    lengthCheck: { factor: 2 },
    mlp: { steps: 20, batchSize: 32, peak: 1e-3 },
    validationCount: 128,
    weightDecay: 1e-6,
    energy: { count: 3, tEnd: 1, outputs: 6, rtol: 1e-5, atol: 1e-5, maxSteps: 300, stopAbove: 1 },
  },
  quick: QUICK,
  // The quick networks and data trained longer; the spread keeps the keys' order (a run's fingerprint is this object's JSON).
  long: { ...QUICK, lnn: { ...QUICK_LNN, steps: 128_000 }, lengthCheck: { factor: 0.5 }, mlp: { ...QUICK.mlp, steps: 64_000 } },
  full: {
    hidden: [600, 600, 600],
    trainCount: 600_000,
    testCount: 20_000,
    lnn: { ...QUICK_LNN, steps: 200_000, batchSize: 512 },
    lengthCheck: null,
    mlp: { steps: 200_000, batchSize: 512, peak: 1e-3 },
    validationCount: 5_000,
    weightDecay: 1e-6,
    energy: { count: 40, tEnd: 100, outputs: 1001, rtol: 1.49e-8, atol: 1.49e-8, maxSteps: 2_000_000, stopAbove: 1 },
  },
};
