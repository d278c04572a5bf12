import type { Scale } from '../../experiment';

/** The size of one scale of the driven pendulum experiment. */
export interface DrivenSettings {
  /** Hidden widths of L's MLP and of the dissipation's C(q) MLP. */
  readonly hidden: readonly number[];
  readonly dissipationHidden: readonly number[];
  /** Training states: θ uniform in [−π, π), θ̇ uniform in ±maxSpeed; inputs u(t) from `signals` training forcings at times uniform in [0, horizon]. */
  readonly maxSpeed: number;
  readonly signals: number;
  readonly horizon: number;
  readonly trainCount: number;
  readonly testCount: number;
  readonly steps: number;
  readonly batchSize: number;
  readonly peak: number;
  readonly definiteness: number;
  /**
   * Seed restarts: initialisations tried in turn, each `trialSteps` of the run's schedule, until one's
   * validation L1 is below `acceptRatio` × predicting q̈ = 0 (else the best continues). Measured: at
   * quick scale seeds 0–3 leave the q̈ ≈ 0 plateau (held-out L1 0.006–0.010 against 0.97 for
   * predicting 0) and seed 4 does not (0.589) without them.
   */
  readonly restarts: { readonly candidates: number; readonly trialSteps: number; readonly acceptRatio: number };
  /** Rollouts under the unseen forcing: horizon, output spacing, RK4 step. */
  readonly rollout: { readonly tEnd: number; readonly every: number; readonly dt: number };
}

const BY_SCALE: Record<'test' | 'quick' | 'full', DrivenSettings> = {
  test: { hidden: [8, 8], dissipationHidden: [4], maxSpeed: 3, signals: 4, horizon: 50, trainCount: 128, testCount: 64, steps: 20, batchSize: 16, peak: 3e-3, definiteness: 1, restarts: { candidates: 2, trialSteps: 10, acceptRatio: 0.1 }, rollout: { tEnd: 1, every: 0.1, dt: 0.1 } },
  quick: { hidden: [32, 32], dissipationHidden: [8], maxSpeed: 3, signals: 32, horizon: 50, trainCount: 4096, testCount: 1024, steps: 3000, batchSize: 64, peak: 3e-3, definiteness: 1, restarts: { candidates: 4, trialSteps: 1000, acceptRatio: 0.1 }, rollout: { tEnd: 20, every: 0.1, dt: 0.02 } },
  full: { hidden: [128, 128], dissipationHidden: [16], maxSpeed: 3, signals: 128, horizon: 50, trainCount: 20_000, testCount: 2_000, steps: 30_000, batchSize: 128, peak: 1e-3, definiteness: 1, restarts: { candidates: 4, trialSteps: 5000, acceptRatio: 0.1 }, rollout: { tEnd: 50, every: 0.1, dt: 0.01 } },
};

/** `long` trains only the double pendulum longer; this experiment runs as in `quick`. */
export const DRIVEN_SETTINGS: Record<Scale, DrivenSettings> = { ...BY_SCALE, long: BY_SCALE.quick };

/** The forcings: training ones are `randomSinusoids` of seeds 1…signals, the unseen one of seed 999 (never trained on). */
export const FORCING = { terms: 3, amplitude: 0.6, frequency: [0.3, 1.5] as [number, number], unseenSeed: 999 } as const;

/** The rollouts' initial states [θ, θ̇]. */
export const DRIVEN_INITIAL_STATES: readonly (readonly [number, number])[] = [
  [0.2, 0],
  [-1, 1],
];
