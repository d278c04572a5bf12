import type { Random } from './random';
import type { MechanicalSystem } from './system';

function checkVelocity(where: string, v: number): void {
  if (!(Math.abs(v) < 1)) {
    throw new RangeError(`${where}: the velocity must satisfy |q̇| < 1 (c = 1), received ${v}.`);
  }
}

/** q̈ = g (1 − q̇²)^(5/2) / (1 + 2q̇²), the equation of motion of `L = (1 − q̇²)^(−1/2) + g q`. */
export function relativisticAcceleration(v: number, g: number): number {
  checkVelocity('relativisticAcceleration', v);
  const u = 1 - v * v;
  return (g * u * u * Math.sqrt(u)) / (1 + 2 * v * v);
}

/** The canonical momentum `p = ∂L/∂q̇ = q̇ (1 − q̇²)^(−3/2)`. */
export function relativisticMomentum(v: number): number {
  checkVelocity('relativisticMomentum', v);
  const u = 1 - v * v;
  return v / (u * Math.sqrt(u));
}

/**
 * The velocity with canonical momentum p: the inverse of {@link relativisticMomentum} (strictly
 * increasing on (−1, 1)), by safeguarded Newton iteration to float64 precision.
 */
export function relativisticVelocity(p: number): number {
  if (!Number.isFinite(p)) throw new RangeError(`relativisticVelocity: p must be finite, received ${p}.`);
  if (p === 0) return 0;
  // Bracket [lo, hi] ⊂ (−1, 1) around the root; start from the non-relativistic guess, squashed.
  let lo = p > 0 ? 0 : -1;
  let hi = p > 0 ? 1 : 0;
  let v = Math.tanh(p);
  for (let it = 0; it < 200; it++) {
    const u = 1 - v * v;
    const f = v / (u * Math.sqrt(u)) - p;
    if (f > 0) hi = v;
    else lo = v;
    const df = (1 + 2 * v * v) / (u * u * Math.sqrt(u));
    let next = v - f / df;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - v) <= 4e-16 * Math.max(Math.abs(v), 1e-300)) return next;
    v = next;
  }
  return v;
}

/** `E = q̇ ∂L/∂q̇ − L = (1 − q̇²)^(−3/2) q̇² − (1 − q̇²)^(−1/2) − g q`. */
export function relativisticEnergy(q: number, v: number, g: number): number {
  checkVelocity('relativisticEnergy', v);
  const u = 1 - v * v;
  return (v * v) / (u * Math.sqrt(u)) - 1 / Math.sqrt(u) - g * q;
}

/** The relativistic particle in a uniform field `g`, with the paper's sampler. */
export interface RelativisticParticle extends MechanicalSystem {
  /**
   * A training sample as the paper draws it: q ∈ U[−10, 10], q̇ = 0.99999·tanh(2·N(0, 1)),
   * and its own field g = 10·N(0, 1).
   */
  sample(rng: Random): { q: number; v: number; g: number };
}

/**
 * A relativistic particle (c = m = 1) in a uniform field g, with the paper's sign convention
 * `L = (1 − q̇²)^(−1/2) + g q`. Its kinetic term is not quadratic in q̇, which is what defeats
 * DeLaN and an HNN given q̇ in place of the canonical momentum. The paper's data gives each
 * sample its own g; the free functions take g as an argument for that.
 *
 * @example
 * import { relativisticAcceleration, relativisticParticle } from '@lnn/systems';
 * const particle = relativisticParticle({ g: 2 });
 * const qdd = new Float64Array(1);
 * particle.acceleration([0], [0.5], qdd);
 * console.log(qdd[0], relativisticAcceleration(0.5, 2)); // the same q̈ at q̇ = 0.5: g (1 − q̇²)^(5/2) / (1 + 2q̇²) ≈ 0.6495
 */
export function relativisticParticle(parameters: { readonly g?: number } = {}): RelativisticParticle {
  const g = parameters.g ?? 1;
  if (!Number.isFinite(g)) throw new RangeError(`relativisticParticle: g must be a finite number, received ${g}.`);
  return {
    name: 'relativistic-particle',
    dof: 1,
    coordinates: ['q'],
    parameters: { g },
    lagrangian(q, v) {
      checkVelocity('relativisticParticle.lagrangian', v[0] as number);
      return 1 / Math.sqrt(1 - (v[0] as number) ** 2) + g * (q[0] as number);
    },
    acceleration: (_q, v, out) => {
      out[0] = relativisticAcceleration(v[0] as number, g);
    },
    energy: (q, v) => relativisticEnergy(q[0] as number, v[0] as number, g),
    lagrangianGradient(_q, v, dq, dv) {
      dq[0] = g;
      dv[0] = relativisticMomentum(v[0] as number);
    },
    lagrangianHessian(_q, v, hqq, hqv, hvv) {
      const w = v[0] as number;
      checkVelocity('relativisticParticle.lagrangianHessian', w);
      const u = 1 - w * w;
      hqq[0] = 0;
      hqv[0] = 0;
      hvv[0] = (1 + 2 * w * w) / (u * u * Math.sqrt(u));
    },
    sample(rng) {
      return { q: rng.uniform(-10, 10), v: 0.99999 * Math.tanh(2 * rng.normal()), g: 10 * rng.normal() };
    },
  };
}
