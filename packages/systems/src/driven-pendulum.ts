import { positive } from './internal/check';
import type { NonConservativeSystem } from './non-conservative-system';
import type { Random } from './random';
import { sinusoid, type Signal } from './signal';
import { simplePendulum } from './simple-pendulum';

/** Parameters of {@link drivenPendulum}; the defaults are the natural units of the classic regime. */
export interface DrivenPendulumParameters {
  /** @default 1 */ readonly m?: number;
  /** @default 1 */ readonly l?: number;
  /** @default 1 */ readonly g?: number;
  /** Viscous friction at the pivot (torque −b θ̇); in natural units b = 1/q, q the quality factor. @default 0.5 */
  readonly b?: number;
}

/** The driven damped pendulum: a {@link NonConservativeSystem} with one control, the drive torque. */
export interface DrivenPendulum extends NonConservativeSystem {
  /** A state from the pendulum's usual range: θ uniform in [−π, π), θ̇ uniform in [−2, 2]. */
  sampleState(rng: Random, q: Float64Array, v: Float64Array): void;
}

/**
 * The damped pendulum driven by a torque, q = θ from the downward vertical:
 * `L = ½ m l² θ̇² + m g l cos θ`, `D = ½ b θ̇²`, `Q = u` (one control: the torque, usually a
 * forcing signal u(t) given to `forcedProblem`), so `m l² θ̈ = −m g l sin θ − b θ̇ + u` and
 * `dE/dt = −b θ̇² + θ̇ u`. In natural units (m = l = g = 1, the defaults) this is the classic
 * `θ̈ + θ̇/q + sin θ = F cos(ω_D t)` of Baker & Gollub, *Chaotic Dynamics*, with b = 1/q and
 * u = F cos(ω_D t): see {@link DRIVEN_PENDULUM_REGIMES} for a chaotic and a periodic set.
 * Accelerations in closed form; without input (u = 0) `acceleration` is the free damped pendulum.
 *
 * @example
 * import { dopri5, solve } from '@lnn/ode';
 * import { DRIVEN_PENDULUM_REGIMES, drivenPendulum, forcedProblem } from '@lnn/systems';
 * const { parameters, forcing } = DRIVEN_PENDULUM_REGIMES.chaotic;
 * const p = drivenPendulum(parameters);
 * const r = solve(forcedProblem(p, { input: forcing }), [0.2, 0], [0, 50, 100], dopri5({ rtol: 1e-10, atol: 1e-10 }));
 * console.log(r.ok, r.states.subarray(4)); // true ≈ [−45.95, −1.94]: (θ, θ̇) at t = 100, after several turns over the top
 */
export function drivenPendulum(parameters: DrivenPendulumParameters = {}): DrivenPendulum {
  const where = 'drivenPendulum';
  const m = positive(where, 'm', parameters.m ?? 1);
  const l = positive(where, 'l', parameters.l ?? 1);
  const g = positive(where, 'g', parameters.g ?? 1, true);
  const b = positive(where, 'b', parameters.b ?? 0.5, true);
  const base = simplePendulum({ m, l, g });
  const inertia = m * l * l;
  const forcedAcceleration = (_t: number, q: ArrayLike<number>, v: ArrayLike<number>, u: ArrayLike<number>, out: Float64Array) => {
    out[0] = (-m * g * l * Math.sin(q[0] as number) - b * (v[0] as number) + (u[0] as number)) / inertia;
  };
  return {
    ...base,
    name: 'driven-pendulum',
    parameters: { m, l, g, b },
    controls: 1,
    acceleration: (q, v, out) => forcedAcceleration(0, q, v, [0], out),
    forcedAcceleration,
    dissipation: (_q, v) => 0.5 * b * (v[0] as number) ** 2,
    dissipationGradient(_q, v, out) {
      out[0] = b * (v[0] as number);
    },
    force(_t, _q, _v, u, out) {
      out[0] = u[0] as number;
    },
    power: (_t, _q, v, u) => (v[0] as number) * (-b * (v[0] as number) + (u[0] as number)),
    sampleState(rng, q, v) {
      q[0] = rng.uniform(-Math.PI, Math.PI);
      v[0] = rng.uniform(-2, 2);
    },
  };
}

/** A parameter set of {@link drivenPendulum} with its forcing signal. */
export interface DrivenPendulumRegime {
  readonly parameters: Readonly<Required<DrivenPendulumParameters>>;
  readonly forcing: Signal;
}

/**
 * Two documented regimes of the driven pendulum in natural units (m = l = g = 1, quality factor
 * q = 2, i.e. b = 0.5; drive `F cos(ω_D t)` with ω_D = 2/3), after Baker & Gollub:
 * - `chaotic`: F = 1.5 — Baker & Gollub's strange attractor. Measured (dopri5, rtol = atol
 *   = 1e-11, 100 drive periods from five states): largest Lyapunov exponent λ ≈ 0.11–0.15 per
 *   unit time, so states 1e-9 apart reach 1e-3 after ≈ 100–200 time units (not by t = 100 in
 *   general: e^(0.11·100) ≈ 6·10⁴);
 * - `periodic`: F = 0.9 — after a transient, a period-1 oscillation at the drive frequency;
 *   nearby states approach each other at λ = −b/2 = −0.25 (complex Floquet multipliers of
 *   modulus e^(−bT/2), T = 3π; λ₁ + λ₂ = −b for any orbit, the phase-space contraction).
 *
 * @example
 * import { compileSignal, DRIVEN_PENDULUM_REGIMES } from '@lnn/systems';
 * const { parameters, forcing } = DRIVEN_PENDULUM_REGIMES.periodic;
 * console.log(parameters, compileSignal(forcing)(0)); // { m: 1, l: 1, g: 1, b: 0.5 } 0.9 (F cos(ω_D t) at t = 0)
 */
export const DRIVEN_PENDULUM_REGIMES: Readonly<Record<'chaotic' | 'periodic', DrivenPendulumRegime>> = Object.freeze({
  chaotic: Object.freeze({ parameters: Object.freeze({ m: 1, l: 1, g: 1, b: 0.5 }), forcing: Object.freeze(sinusoid({ amplitude: 1.5, frequency: 2 / 3 })) }),
  periodic: Object.freeze({ parameters: Object.freeze({ m: 1, l: 1, g: 1, b: 0.5 }), forcing: Object.freeze(sinusoid({ amplitude: 0.9, frequency: 2 / 3 })) }),
});
