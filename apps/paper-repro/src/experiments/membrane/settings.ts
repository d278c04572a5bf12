import type { Scale } from '../../experiment';

/** The size of one scale of the membrane experiment. */
export interface MembraneSettings {
  /** Side of the periodic grid the density is trained on (it is local: the same weights then run on the rollout grid). */
  readonly trainGrid: number;
  readonly hidden: readonly number[];
  readonly trainCount: number;
  readonly testCount: number;
  /**
   * Training states: φ and φ̇ each a smooth random field of `wave2d` (plane waves |mx|, |my| ≤
   * `modes`, peak 1) times a random scale in [minScale, 1], plus a random uniform offset in ±offset
   * and white noise of a random standard deviation in [0, noise] (so the grid-scale modes are seen too).
   * A share `nearRest` of the states has field and noise (not the offset) scaled down by
   * `restScale`: states near rest, where the only error left is a constant force — which
   * accelerates the uniform mode of a rollout as t² and pumps energy into it.
   */
  readonly sampler: { readonly modes: number; readonly minScale: number; readonly offset: number; readonly noise: number; readonly nearRest: number; readonly restScale: number };
  /** Initialisations tried for `probeSteps` steps of the full schedule each; the one with the lowest validation loss is continued. */
  readonly seedCandidates: number;
  readonly probeSteps: number;
  readonly steps: number;
  readonly batchSize: number;
  readonly peak: number;
  /**
   * The rollout: grid side, horizon, output times, RK4 step, segments of the progress bar, the
   * Gaussian bump's width (grid points) and the smooth field's modes.
   */
  readonly rollout: { readonly n: number; readonly tEnd: number; readonly outputs: number; readonly dt: number; readonly segments: number; readonly bumpWidth: number; readonly fieldModes: number };
  /** Amplitude of the point displacement whose response checks the dispersion against the model's own accelerations. */
  readonly impulse: number;
}

const SAMPLER = { modes: 3, minScale: 0.05, offset: 1, noise: 0.2, nearRest: 0.1, restScale: 0.01 } as const;

const BY_SCALE: Record<Exclude<Scale, 'long'>, MembraneSettings> = {
  test: {
    trainGrid: 8,
    hidden: [8, 8],
    trainCount: 128,
    testCount: 32,
    sampler: SAMPLER,
    seedCandidates: 2,
    probeSteps: 5,
    steps: 20,
    batchSize: 16,
    peak: 3e-2,
    rollout: { n: 16, tEnd: 2, outputs: 5, dt: 0.25, segments: 2, bumpWidth: 2, fieldModes: 2 },
    impulse: 1e-2,
  },
  quick: {
    trainGrid: 8,
    hidden: [32, 32],
    trainCount: 4096,
    testCount: 512,
    sampler: SAMPLER,
    seedCandidates: 4,
    probeSteps: 200,
    steps: 6_000,
    batchSize: 16,
    peak: 3e-2,
    rollout: { n: 64, tEnd: 50, outputs: 51, dt: 0.25, segments: 25, bumpWidth: 4, fieldModes: 5 },
    impulse: 1e-2,
  },
  full: {
    trainGrid: 8,
    hidden: [64, 64, 64],
    trainCount: 20_000,
    testCount: 2_000,
    sampler: SAMPLER,
    seedCandidates: 4,
    probeSteps: 500,
    steps: 20_000,
    batchSize: 32,
    peak: 1e-2,
    rollout: { n: 64, tEnd: 100, outputs: 101, dt: 0.1, segments: 50, bumpWidth: 4, fieldModes: 5 },
    impulse: 1e-2,
  },
};

/** `long` trains only the double pendulum longer; this experiment runs as in `quick`. */
export const MEMBRANE_SETTINGS: Record<Scale, MembraneSettings> = { ...BY_SCALE, long: BY_SCALE.quick };

/** The rollouts' initial conditions, in the order of the batch. */
export const INITIAL_CONDITIONS = ['Gaussian bump at rest', 'smooth random field'] as const;
