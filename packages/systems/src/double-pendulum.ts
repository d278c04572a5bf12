import { positive } from './internal/check';
import type { Random } from './random';
import type { MechanicalSystem } from './system';

/** Parameters of {@link doublePendulum}. */
export interface DoublePendulumParameters {
  /** @default 1 */ readonly m1?: number;
  /** @default 1 */ readonly m2?: number;
  /** @default 1 */ readonly l1?: number;
  /** @default 1 */ readonly l2?: number;
  /** @default 9.8 */ readonly g?: number;
}

/** The double pendulum, with the paper's samplers and energy scale. */
export interface DoublePendulum extends MechanicalSystem {
  /** max |V| = g((m₁+m₂)l₁ + m₂l₂): 29.4 for the defaults; the paper's energy-error scale. */
  readonly potentialBound: number;
  /** Training states as the paper draws them: angles in [0, 2π), angular velocities in [−10, 10]. */
  sampleTrainingState(rng: Random, q: Float64Array, v: Float64Array): void;
  /** Energy-test initial states: angles in [0, 2π), angular velocities in [0, 0.1). */
  sampleEnergyTestState(rng: Random, q: Float64Array, v: Float64Array): void;
}

/**
 * The planar double pendulum, q = (θ₁, θ₂) measured from the downward vertical:
 * `L = ½(m₁+m₂)l₁²ω₁² + ½m₂l₂²ω₂² + m₂l₁l₂ω₁ω₂cos(θ₁−θ₂) + (m₁+m₂)gl₁cos θ₁ + m₂gl₂cos θ₂`.
 * Accelerations in closed form (as the official LNN code computes them).
 *
 * @example
 * import { doublePendulum } from '@lnn/systems';
 * const dp = doublePendulum(); // m = l = 1, g = 9.8
 * const qdd = new Float64Array(2);
 * dp.acceleration([0.3, -0.2], [1, 0.5], qdd);
 * console.log(qdd, dp.energy([0.3, -0.2], [1, 0.5])); // ≈ [−6.54, 8.16] −26.77
 */
export function doublePendulum(parameters: DoublePendulumParameters = {}): DoublePendulum {
  const where = 'doublePendulum';
  const m1 = positive(where, 'm1', parameters.m1 ?? 1);
  const m2 = positive(where, 'm2', parameters.m2 ?? 1);
  const l1 = positive(where, 'l1', parameters.l1 ?? 1);
  const l2 = positive(where, 'l2', parameters.l2 ?? 1);
  const g = positive(where, 'g', parameters.g ?? 9.8, true);
  const k = m2 * l1 * l2;
  const potential = (q: ArrayLike<number>) => -(m1 + m2) * g * l1 * Math.cos(q[0] as number) - m2 * g * l2 * Math.cos(q[1] as number);
  const kinetic = (q: ArrayLike<number>, v: ArrayLike<number>) => {
    const [w1, w2] = [v[0] as number, v[1] as number];
    return 0.5 * (m1 + m2) * l1 * l1 * w1 * w1 + 0.5 * m2 * l2 * l2 * w2 * w2 + k * w1 * w2 * Math.cos((q[0] as number) - (q[1] as number));
  };
  const angles = (rng: Random, q: Float64Array) => {
    q[0] = rng.uniform(0, 2 * Math.PI);
    q[1] = rng.uniform(0, 2 * Math.PI);
  };
  return {
    name: 'double-pendulum',
    dof: 2,
    coordinates: ['theta1', 'theta2'],
    parameters: { m1, m2, l1, l2, g },
    potentialBound: g * ((m1 + m2) * l1 + m2 * l2),
    lagrangian: (q, v) => kinetic(q, v) - potential(q),
    energy: (q, v) => kinetic(q, v) + potential(q),
    acceleration(q, v, out) {
      const [t1, t2, w1, w2] = [q[0] as number, q[1] as number, v[0] as number, v[1] as number];
      const s = Math.sin(t1 - t2);
      const c = Math.cos(t1 - t2);
      const a1 = (l2 / l1) * (m2 / (m1 + m2)) * c;
      const a2 = (l1 / l2) * c;
      const f1 = -(l2 / l1) * (m2 / (m1 + m2)) * w2 * w2 * s - (g / l1) * Math.sin(t1);
      const f2 = (l1 / l2) * w1 * w1 * s - (g / l2) * Math.sin(t2);
      const det = 1 - a1 * a2;
      out[0] = (f1 - a1 * f2) / det;
      out[1] = (f2 - a2 * f1) / det;
    },
    lagrangianGradient(q, v, dq, dv) {
      const [t1, t2, w1, w2] = [q[0] as number, q[1] as number, v[0] as number, v[1] as number];
      const s = Math.sin(t1 - t2);
      const c = Math.cos(t1 - t2);
      dq[0] = -k * w1 * w2 * s - (m1 + m2) * g * l1 * Math.sin(t1);
      dq[1] = k * w1 * w2 * s - m2 * g * l2 * Math.sin(t2);
      dv[0] = (m1 + m2) * l1 * l1 * w1 + k * w2 * c;
      dv[1] = m2 * l2 * l2 * w2 + k * w1 * c;
    },
    lagrangianHessian(q, v, hqq, hqv, hvv) {
      const [t1, t2, w1, w2] = [q[0] as number, q[1] as number, v[0] as number, v[1] as number];
      const s = Math.sin(t1 - t2);
      const c = Math.cos(t1 - t2);
      hqq[0] = -k * w1 * w2 * c - (m1 + m2) * g * l1 * Math.cos(t1);
      hqq[1] = k * w1 * w2 * c;
      hqq[2] = k * w1 * w2 * c;
      hqq[3] = -k * w1 * w2 * c - m2 * g * l2 * Math.cos(t2);
      hqv[0] = -k * w2 * s;
      hqv[1] = -k * w1 * s;
      hqv[2] = k * w2 * s;
      hqv[3] = k * w1 * s;
      hvv[0] = (m1 + m2) * l1 * l1;
      hvv[1] = k * c;
      hvv[2] = k * c;
      hvv[3] = m2 * l2 * l2;
    },
    sampleTrainingState(rng, q, v) {
      angles(rng, q);
      v[0] = rng.uniform(-10, 10);
      v[1] = rng.uniform(-10, 10);
    },
    sampleEnergyTestState(rng, q, v) {
      angles(rng, q);
      v[0] = rng.uniform(0, 0.1);
      v[1] = rng.uniform(0, 0.1);
    },
  };
}
