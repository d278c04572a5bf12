import { positive } from './internal/check';
import type { MechanicalSystem } from './system';

/** Parameters of {@link harmonicOscillator}. */
export interface HarmonicOscillatorParameters {
  /** @default 1 */ readonly m?: number;
  /** Spring constant. @default 1 */ readonly k?: number;
  /**
   * Linear damping γ (force −γq̇). With γ > 0 the system is dissipative: `acceleration` includes
   * the damping, while `lagrangian`, its derivatives and `energy` describe the conservative part
   * (so the energy decays along trajectories). @default 0
   */
  readonly damping?: number;
}

/** A harmonic oscillator, possibly damped. */
export interface HarmonicOscillator extends MechanicalSystem {
  /** γ; 0 for the conservative oscillator. */
  readonly damping: number;
}

/**
 * The harmonic oscillator `L = ½ m q̇² − ½ k q²`, `q̈ = −(k q + γ q̇)/m`. The damped variant
 * (γ > 0) is for dissipation: its energy `½ m q̇² + ½ k q²` decreases.
 *
 * @example
 * import { harmonicOscillator } from '@lnn/systems';
 * const spring = harmonicOscillator({ k: 4 });        // ω = 2
 * const damped = harmonicOscillator({ damping: 0.1 }); // dissipative
 * const qdd = new Float64Array(1);
 * spring.acceleration([0.5], [0], qdd);
 * console.log(qdd[0], damped.name); // -2 damped-harmonic-oscillator
 */
export function harmonicOscillator(parameters: HarmonicOscillatorParameters = {}): HarmonicOscillator {
  const where = 'harmonicOscillator';
  const m = positive(where, 'm', parameters.m ?? 1);
  const k = positive(where, 'k', parameters.k ?? 1);
  const damping = positive(where, 'damping', parameters.damping ?? 0, true);
  return {
    name: damping > 0 ? 'damped-harmonic-oscillator' : 'harmonic-oscillator',
    dof: 1,
    coordinates: ['q'],
    parameters: { m, k, damping },
    damping,
    lagrangian: (q, v) => 0.5 * m * (v[0] as number) ** 2 - 0.5 * k * (q[0] as number) ** 2,
    energy: (q, v) => 0.5 * m * (v[0] as number) ** 2 + 0.5 * k * (q[0] as number) ** 2,
    acceleration: (q, v, out) => {
      out[0] = -(k * (q[0] as number) + damping * (v[0] as number)) / m;
    },
    lagrangianGradient(q, v, dq, dv) {
      dq[0] = -k * (q[0] as number);
      dv[0] = m * (v[0] as number);
    },
    lagrangianHessian(_q, _v, hqq, hqv, hvv) {
      hqq[0] = -k;
      hqv[0] = 0;
      hvv[0] = m;
    },
  };
}
