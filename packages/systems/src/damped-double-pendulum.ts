import { doublePendulum, type DoublePendulum, type DoublePendulumParameters } from './double-pendulum';
import { positive } from './internal/check';
import type { NonConservativeSystem } from './non-conservative-system';

/** Parameters of {@link dampedDoublePendulum}: the double pendulum's, plus joint friction. */
export interface DampedDoublePendulumParameters extends DoublePendulumParameters {
  /** Friction coefficient of the pivot joint (torque −b₁θ̇₁). @default 0.1 */
  readonly b1?: number;
  /** Friction coefficient of the elbow joint (torque −b₂(θ̇₂ − θ̇₁) on link 2, the reaction on link 1). @default 0.1 */
  readonly b2?: number;
}

/** The double pendulum with joint friction: a {@link DoublePendulum} that is a {@link NonConservativeSystem} (no controls). */
export interface DampedDoublePendulum extends DoublePendulum, NonConservativeSystem {}

/**
 * The double pendulum ({@link doublePendulum}: same Lagrangian, energy, samplers) with viscous
 * friction in its two joints. The choice: each joint resists the relative angular velocity across
 * it, so with absolute angles θ₁, θ₂ from the downward vertical
 * `D = ½(b₁θ̇₁² + b₂(θ̇₂ − θ̇₁)²)` (≥ 0, 0 at rest; a rigid rotation of both links still loses
 * energy at the pivot only). `∂D/∂θ̇ = (b₁θ̇₁ − b₂(θ̇₂ − θ̇₁), b₂(θ̇₂ − θ̇₁))`; Q = 0 (no
 * controls); `dE/dt = −2D`. Accelerations in closed form (the 2×2 Lagrange–d'Alembert system
 * solved by Cramer's rule).
 *
 * @example
 * import { dampedDoublePendulum } from '@lnn/systems';
 * const dp = dampedDoublePendulum({ b1: 0.05, b2: 0.05 });
 * const qdd = new Float64Array(2);
 * dp.acceleration([0.3, -0.2], [1, 0.5], qdd);
 * console.log(qdd, dp.power(0, [0.3, -0.2], [1, 0.5], [])); // ≈ [−6.62, 8.26] −0.0625 (= −2D < 0)
 */
export function dampedDoublePendulum(parameters: DampedDoublePendulumParameters = {}): DampedDoublePendulum {
  const where = 'dampedDoublePendulum';
  const base = doublePendulum(parameters);
  const b1 = positive(where, 'b1', parameters.b1 ?? 0.1, true);
  const b2 = positive(where, 'b2', parameters.b2 ?? 0.1, true);
  const { m1, m2, l1, l2, g } = base.parameters as { m1: number; m2: number; l1: number; l2: number; g: number };
  const k = m2 * l1 * l2;
  const dissipation = (_q: ArrayLike<number>, v: ArrayLike<number>) => {
    const [w1, w2] = [v[0] as number, v[1] as number];
    return 0.5 * (b1 * w1 * w1 + b2 * (w2 - w1) * (w2 - w1));
  };
  const forcedAcceleration = (_t: number, q: ArrayLike<number>, v: ArrayLike<number>, _u: ArrayLike<number>, out: Float64Array) => {
    const [t1, t2, w1, w2] = [q[0] as number, q[1] as number, v[0] as number, v[1] as number];
    const s = Math.sin(t1 - t2);
    const c = Math.cos(t1 - t2);
    const m11 = (m1 + m2) * l1 * l1;
    const m12 = k * c;
    const m22 = m2 * l2 * l2;
    const r1 = -k * w2 * w2 * s - (m1 + m2) * g * l1 * Math.sin(t1) - (b1 * w1 - b2 * (w2 - w1));
    const r2 = k * w1 * w1 * s - m2 * g * l2 * Math.sin(t2) - b2 * (w2 - w1);
    const det = m11 * m22 - m12 * m12; // m₂l₁²l₂²(m₁ + m₂ sin²(θ₁ − θ₂)) > 0
    out[0] = (m22 * r1 - m12 * r2) / det;
    out[1] = (m11 * r2 - m12 * r1) / det;
  };
  return {
    ...base,
    name: 'damped-double-pendulum',
    parameters: { m1, m2, l1, l2, g, b1, b2 },
    controls: 0,
    acceleration: (q, v, out) => forcedAcceleration(0, q, v, [], out),
    forcedAcceleration,
    dissipation,
    dissipationGradient(_q, v, out) {
      const [w1, w2] = [v[0] as number, v[1] as number];
      out[0] = b1 * w1 - b2 * (w2 - w1);
      out[1] = b2 * (w2 - w1);
    },
    force(_t, _q, _v, _u, out) {
      out[0] = 0;
      out[1] = 0;
    },
    power: (_t, q, v) => -2 * dissipation(q, v),
  };
}
