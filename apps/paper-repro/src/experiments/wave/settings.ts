import type { Scale } from '../../experiment';

/** The size of one scale of the wave experiment. */
export interface WaveSettings {
  /** Points of the ring the density is trained on (it is local: the same weights then run on the rollout ring). */
  readonly trainRing: number;
  readonly hidden: readonly number[];
  readonly trainCount: number;
  readonly testCount: number;
  /**
   * Training states: φ and φ̇ each a smooth random field (`modes` Fourier modes, peak 1) times a
   * random scale in [minScale, 1], plus a random uniform offset in ±offset and white noise of a
   * random standard deviation in [0, noise] (so the grid-scale modes are seen too).
   */
  readonly sampler: { readonly modes: number; readonly minScale: number; readonly offset: number; readonly noise: number };
  /** Initialisations tried for `probeSteps` steps of the full schedule each; the one with the lowest validation loss is continued. */
  readonly seedCandidates: number;
  readonly probeSteps: number;
  readonly steps: number;
  readonly batchSize: number;
  readonly peak: number;
  readonly weightDecay: number;
  /** The rollout: ring size, horizon, output times, RK4 step, pulse width. */
  readonly rollout: { readonly n: number; readonly tEnd: number; readonly outputs: number; readonly dt: number; readonly pulseWidth: number; readonly segments: number };
  /** Grid values of the density comparison (slopes and velocities). */
  readonly densityGrid: number;
}

const SAMPLER = { modes: 3, minScale: 0.05, offset: 1, noise: 0.2 } as const;

const BY_SCALE: Record<Exclude<Scale, 'long'>, WaveSettings> = {
  test: {
    trainRing: 8,
    hidden: [8, 8],
    trainCount: 256,
    testCount: 64,
    sampler: SAMPLER,
    seedCandidates: 2,
    probeSteps: 5,
    steps: 20,
    batchSize: 16,
    peak: 3e-2,
    weightDecay: 0,
    rollout: { n: 100, tEnd: 2, outputs: 5, dt: 0.1, pulseWidth: 5, segments: 2 },
    densityGrid: 5,
  },
  quick: {
    trainRing: 16,
    hidden: [32, 32],
    trainCount: 4096,
    testCount: 512,
    sampler: SAMPLER,
    seedCandidates: 4,
    probeSteps: 300,
    steps: 6_000,
    batchSize: 32,
    peak: 3e-2,
    weightDecay: 0,
    rollout: { n: 100, tEnd: 100, outputs: 101, dt: 0.1, pulseWidth: 5, segments: 20 },
    densityGrid: 21,
  },
  full: {
    trainRing: 16,
    hidden: [400, 400, 400],
    trainCount: 20_000,
    testCount: 2_000,
    sampler: SAMPLER,
    seedCandidates: 4,
    probeSteps: 1_000,
    steps: 30_000,
    batchSize: 32,
    peak: 1e-3,
    weightDecay: 0,
    rollout: { n: 100, tEnd: 200, outputs: 201, dt: 0.05, pulseWidth: 5, segments: 40 },
    densityGrid: 21,
  },
};

/** `long` trains only the double pendulum longer; this experiment runs as in `quick`. */
export const WAVE_SETTINGS: Record<Scale, WaveSettings> = { ...BY_SCALE, long: BY_SCALE.quick };

/** The rollouts' initial conditions, in the order of the batch. */
export const INITIAL_CONDITIONS = ['Gaussian pulse', 'smooth random field'] as const;
