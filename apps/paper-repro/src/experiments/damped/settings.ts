import type { DefinitenessGuard } from '@lnn/lagrangian';
import type { Scale } from '../../experiment';

/** The size of one scale of the damped double pendulum experiment. */
export interface DampedSettings {
  /** Joint friction of the damped double pendulum (torques −b₁θ̇₁ and −b₂(θ̇₂ − θ̇₁)). */
  readonly friction: { readonly b1: number; readonly b2: number };
  /** Hidden widths of L's MLP (both LNNs) and of the dissipation's C(q) MLP. */
  readonly hidden: readonly number[];
  readonly dissipationHidden: readonly number[];
  /**
   * Training states: angles uniform in ±maxAngle, angular velocities uniform in ±maxSpeed, kept
   * only when their true energy above the rest state is at most (1 + energyMargin) × that of the
   * highest initial state below — the energies the rollouts visit (they only lose energy), a
   * moderate, non-chaotic regime. null: the whole box.
   */
  readonly maxAngle: number;
  readonly maxSpeed: number;
  readonly energyMargin: number | null;
  readonly trainCount: number;
  readonly testCount: number;
  /** Validation states (keep-best), separate from the held-out test states. */
  readonly validationCount: number;
  readonly steps: number;
  readonly batchSize: number;
  readonly peak: number;
  /** Adam's β₂ (0.9: forgets early gradient spikes from near-singular H_vv, as in the double-pendulum recipe). */
  readonly beta2: number;
  /** Cap on each acceleration residual (train's lossCap, rad/s²). */
  readonly lossCap: number;
  /**
   * The definiteness guard on L's H_vv (train's `definiteness`), sign 'positive': q̈ is unchanged
   * by (L, D) → (cL, cD) only for c > 0 once D ≥ 0, so an L with a negative-definite H_vv cannot
   * be paired with the learned D. With sign 'either' seed 4 learned c = −1.6 (energy-decay error 151 %).
   */
  readonly definiteness: DefinitenessGuard;
  /** Rollouts from rest at the initial angles below: horizon, output spacing, RK4 step. */
  readonly rollout: { readonly tEnd: number; readonly every: number; readonly dt: number };
}

const FRICTION = { b1: 0.3, b2: 0.3 } as const;
const GUARD = { weight: 1, sign: 'positive' } as const;

const BY_SCALE: Record<'test' | 'quick' | 'full', DampedSettings> = {
  test: { friction: FRICTION, hidden: [8, 8], dissipationHidden: [4], maxAngle: 1.3, maxSpeed: 5, energyMargin: 0.1, trainCount: 128, testCount: 64, validationCount: 64, steps: 20, batchSize: 16, peak: 3e-3, beta2: 0.9, lossCap: 100, definiteness: GUARD, rollout: { tEnd: 0.5, every: 0.05, dt: 0.05 } },
  quick: { friction: FRICTION, hidden: [32, 32], dissipationHidden: [8], maxAngle: 1.3, maxSpeed: 5, energyMargin: 0.1, trainCount: 8192, testCount: 1024, validationCount: 1024, steps: 22_000, batchSize: 64, peak: 1e-2, beta2: 0.9, lossCap: 100, definiteness: GUARD, rollout: { tEnd: 10, every: 0.1, dt: 0.02 } },
  full: { friction: FRICTION, hidden: [256, 256, 256], dissipationHidden: [32], maxAngle: 1.3, maxSpeed: 5, energyMargin: 0.1, trainCount: 50_000, testCount: 5_000, validationCount: 5_000, steps: 50_000, batchSize: 128, peak: 1e-3, beta2: 0.9, lossCap: 100, definiteness: GUARD, rollout: { tEnd: 20, every: 0.1, dt: 0.01 } },
};

/** `long` trains only the double pendulum longer; this experiment runs as in `quick`. */
export const DAMPED_SETTINGS: Record<Scale, DampedSettings> = { ...BY_SCALE, long: BY_SCALE.quick };

/** The rollouts' initial states, from rest: [θ₁, θ₂, θ̇₁, θ̇₂]. */
export const DAMPED_INITIAL_STATES: readonly (readonly [number, number, number, number])[] = [
  [0.8, 0.4, 0, 0],
  [0.5, -0.6, 0, 0],
  [1.0, 1.0, 0, 0],
];
