import type { Scale } from '../../experiment';

/** One observation setting: the sampling interval and the noise on the positions. */
export interface PositionCase {
  readonly dt: number;
  /** Standard deviation of the Gaussian noise added to every observed angle (rad). */
  readonly noise: number;
}

/**
 * Where the states are drawn (training, held-out, validation): angles uniform in ±maxAngle,
 * rates uniform in ±maxSpeed, kept only when the true energy above the rest state is at most
 * (1 + energyMargin) × that of the pendulum released at rest from (ceilingAngle, ceilingAngle).
 * A moderate, non-chaotic regime (the damped experiment's): the Δt = 0.05 discretisation floor is
 * small there and a small LNN leaves the q̈ ≈ 0 plateau within a quick run's budget. The rollouts
 * start at rest from angles uniform in ±restAngle (≤ ceilingAngle: inside the regime).
 */
export interface PositionsRegime {
  readonly maxAngle: number;
  readonly maxSpeed: number;
  readonly ceilingAngle: number;
  readonly energyMargin: number;
  readonly restAngle: number;
}

/** The size of one scale of the positions-only experiment. */
export interface PositionsSettings {
  readonly regime: PositionsRegime;
  /** Hidden layers of every network (the LNNs' L, the MLP's q̈), on (cos θ, sin θ) features. */
  readonly hidden: readonly number[];
  /** Observed trajectories per case, each of `length` positions Δt apart (initial states drawn in the regime). */
  readonly trajectories: number;
  readonly length: number;
  /** Held-out states (with exact q̇, q̈) for the acceleration MAE. */
  readonly testCount: number;
  /**
   * Keep-best: validation data of each model's own kind (held-out trajectories of positions for the
   * positions-only models, exact q̈ states for the velocity-supervised LNN), scored `validations`
   * times over the run; each model keeps its weights of the lowest validation loss.
   */
  readonly validationTrajectories: number;
  readonly validations: number;
  /** Optimisation steps and batch of every training (the same budget for each model). */
  readonly steps: number;
  readonly batchSize: number;
  readonly peak: number;
  /** The observation settings, in the report's order. */
  readonly cases: readonly PositionCase[];
  /** Continuous rollouts (RK4, step `dt`) of every model from `starts` states at rest to `horizon`, for the energy error. */
  readonly rollout: { readonly starts: number; readonly horizon: number; readonly dt: number; readonly outputs: number };
  /** The variational rollout of the positions-only LNN (noise-free cases): steps of the case's Δt. */
  readonly variationalSteps: number;
}

const CASES: readonly PositionCase[] = [
  { dt: 0.05, noise: 0 },
  { dt: 0.05, noise: 1e-3 },
  { dt: 0.1, noise: 0 },
  { dt: 0.1, noise: 1e-3 },
];

/** The damped experiment's moderate regime (angles ±1.3, rates ±5, energy at most 1.1 × released from (1, 1)). */
const MODERATE: PositionsRegime = { maxAngle: 1.3, maxSpeed: 5, ceilingAngle: 1, energyMargin: 0.1, restAngle: 1 };

const BY_SCALE: Record<'test' | 'quick' | 'full', PositionsSettings> = {
  test: {
    regime: MODERATE,
    hidden: [16, 16],
    trajectories: 16,
    length: 7,
    testCount: 64,
    validationTrajectories: 8,
    validations: 2,
    steps: 6,
    batchSize: 16,
    peak: 1e-3,
    cases: CASES,
    rollout: { starts: 2, horizon: 0.4, dt: 0.02, outputs: 5 },
    variationalSteps: 10,
  },
  quick: {
    regime: MODERATE,
    hidden: [32, 32],
    trajectories: 4000,
    length: 7,
    testCount: 2000,
    validationTrajectories: 500,
    validations: 20,
    steps: 4000,
    batchSize: 64,
    peak: 1e-2,
    cases: CASES,
    rollout: { starts: 4, horizon: 5, dt: 0.01, outputs: 51 },
    variationalSteps: 1000,
  },
  full: {
    regime: MODERATE,
    hidden: [128, 128, 128],
    trajectories: 20_000,
    length: 7,
    testCount: 5000,
    validationTrajectories: 2000,
    validations: 40,
    steps: 20_000,
    batchSize: 256,
    peak: 1e-3,
    cases: CASES,
    rollout: { starts: 16, horizon: 20, dt: 0.005, outputs: 201 },
    variationalSteps: 4000,
  },
};

/** `long` trains only the double pendulum longer; this experiment runs as in `quick`. */
export const POSITIONS_SETTINGS: Record<Scale, PositionsSettings> = { ...BY_SCALE, long: BY_SCALE.quick };

/** The metrics key and the label of case `i`. */
export const caseKey = (i: number) => `case${i}`;
export const caseLabel = (c: PositionCase) => `Δt = ${c.dt}, noise ${c.noise === 0 ? '0' : c.noise.toExponential(0)}`;
