import type { MechanicalSystem } from './system';

/**
 * A {@link MechanicalSystem} that loses energy through a Rayleigh dissipation function `D(q, v)`
 * and is driven by generalised forces `Q(t, q, v, u)` with `controls` control inputs `u`. Its
 * equations of motion are the Lagrange–d'Alembert ones,
 * `H_vv q̈ = ∇_q L − H_vq q̇ − ∇_q̇ D + Q` (`H_vv = ∂²L/∂v²`, `(H_vq q̇)ᵢ = Σⱼ ∂²L/∂vᵢ∂qⱼ q̇ⱼ`),
 * and `energy` (`E = v·∂L/∂v − L`, unchanged) follows the balance
 * `dE/dt = −q̇·∇_q̇ D + q̇·Q` ({@link NonConservativeSystem.power}).
 *
 * The inherited `acceleration(q, v, out)` is the free motion: dissipation on, `t = 0`, `u = 0`
 * (for the systems here, where Q = u, the unforced motion), so that `secondOrderProblem` and
 * `accelerationDataset` still take these systems. Use `forcedAcceleration` for the full one.
 *
 * @example
 * import { drivenPendulum } from '@lnn/systems';
 * const p = drivenPendulum(); // m = l = g = 1, b = 0.5
 * const qdd = new Float64Array(1);
 * p.forcedAcceleration(0.5, [0.3], [1], [1.15], qdd);
 * console.log(qdd[0], p.power(0.5, [0.3], [1], [1.15])); // ≈ 0.354 (−sin 0.3 − b·1 + 1.15) ≈ 0.65 (−b·1² + 1·1.15)
 */
export interface NonConservativeSystem extends MechanicalSystem {
  /** The number of control inputs u (0 when the system is only dissipative). */
  readonly controls: number;
  /** The Rayleigh dissipation function D(q, v) ≥ 0, with D(q, 0) = 0. */
  dissipation(q: ArrayLike<number>, v: ArrayLike<number>): number;
  /** ∂D/∂v into `out` (length d). */
  dissipationGradient(q: ArrayLike<number>, v: ArrayLike<number>, out: Float64Array): void;
  /** The generalised forces Q(t, q, v, u) into `out` (length d); `u` has length `controls`. */
  force(t: number, q: ArrayLike<number>, v: ArrayLike<number>, u: ArrayLike<number>, out: Float64Array): void;
  /** q̈ = H_vv⁻¹(∇_q L − H_vq q̇ − ∇_q̇ D + Q(t, q, v, u)) into `out` (closed form where the system has one). */
  forcedAcceleration(t: number, q: ArrayLike<number>, v: ArrayLike<number>, u: ArrayLike<number>, out: Float64Array): void;
  /** dE/dt = −q̇·∇_q̇ D + q̇·Q(t, q, v, u): the rate at which `energy` changes along the motion. */
  power(t: number, q: ArrayLike<number>, v: ArrayLike<number>, u: ArrayLike<number>): number;
}

/**
 * Whether a system has dissipation and forces (implements {@link NonConservativeSystem}).
 *
 * @example
 * import { dampedDoublePendulum, doublePendulum, isNonConservative, type MechanicalSystem } from '@lnn/systems';
 * const describe = (s: MechanicalSystem) => (isNonConservative(s) ? `dE/dt = ${s.power(0, [0.3, -0.2], [1, 0.5], [])}` : 'conservative');
 * console.log(describe(doublePendulum()), describe(dampedDoublePendulum())); // conservative dE/dt = -0.125
 */
export function isNonConservative(system: MechanicalSystem): system is NonConservativeSystem {
  const s = system as Partial<NonConservativeSystem>;
  return typeof s.controls === 'number' && typeof s.dissipation === 'function' && typeof s.forcedAcceleration === 'function' && typeof s.force === 'function';
}
