import { integerAtLeast, positive } from './internal/check';
import type { Random } from './random';
import type { MechanicalSystem } from './system';

/** Parameters of {@link wave1d}. */
export interface Wave1dParameters {
  /** Number of grid points n (≥ 3), periodic. @default 100 */
  readonly n?: number;
  /** Grid spacing Δx. @default 1/n (a domain of length 1) */
  readonly dx?: number;
  /** Wave speed c. @default 1 */
  readonly c?: number;
}

/** The discrete 1D wave equation, with initial fields. */
export interface Wave1d extends MechanicalSystem {
  /**
   * A smooth random field: the first `modes` Fourier modes of the periodic grid with random
   * normal amplitudes falling as 1/k², scaled to peak `amplitude`; velocities zero.
   */
  smoothRandomField(rng: Random, phi: Float64Array, phiDot: Float64Array, options?: { modes?: number; amplitude?: number }): void;
  /**
   * A Gaussian pulse `amplitude · exp(−(x − center)²/(2 width²))` on the periodic domain, travelling
   * right (φ̇ = −c ∂φ/∂x) or standing (φ̇ = 0).
   */
  gaussianPulse(phi: Float64Array, phiDot: Float64Array, options?: { center?: number; width?: number; amplitude?: number; travelling?: boolean }): void;
}

/**
 * The wave equation `φ̈ = c² ∂²φ/∂x²` on n periodic grid points: the discrete Lagrangian
 * `L = Σᵢ ½ (φ̇ᵢ² − c² ((φᵢ₊₁ − φᵢ)/Δx)²) Δx`, whose equations of motion are the standard second
 * difference `φ̈ᵢ = c² (φᵢ₊₁ − 2φᵢ + φᵢ₋₁)/Δx²`. Coordinates are the n field values.
 *
 * @example
 * import { wave1d } from '@lnn/systems';
 * const wave = wave1d({ n: 100 });
 * const [phi, phiDot] = [new Float64Array(100), new Float64Array(100)];
 * wave.gaussianPulse(phi, phiDot, { center: 0.5, width: 0.05 });
 * console.log(phi[50], wave.energy(phi, phiDot)); // 1 at the centre; the pulse's energy
 */
export function wave1d(parameters: Wave1dParameters = {}): Wave1d {
  const where = 'wave1d';
  const n = integerAtLeast(where, 'n (grid points)', parameters.n ?? 100, 3);
  const dx = positive(where, 'dx', parameters.dx ?? 1 / n);
  const c = positive(where, 'c', parameters.c ?? 1);
  const k = (c * c) / dx; // ∂²L/∂φ² coupling
  const at = (a: ArrayLike<number>, i: number) => a[(i + n) % n] as number;
  return {
    name: 'wave-1d',
    dof: n,
    coordinates: Array.from({ length: n }, (_, i) => `phi${i}`),
    parameters: { n, dx, c },
    lagrangian(q, v) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += 0.5 * ((v[i] as number) ** 2 - c * c * ((at(q, i + 1) - at(q, i)) / dx) ** 2) * dx;
      return sum;
    },
    energy(q, v) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += 0.5 * ((v[i] as number) ** 2 + c * c * ((at(q, i + 1) - at(q, i)) / dx) ** 2) * dx;
      return sum;
    },
    acceleration(q, _v, out) {
      for (let i = 0; i < n; i++) out[i] = (c * c * (at(q, i + 1) - 2 * at(q, i) + at(q, i - 1))) / (dx * dx);
    },
    lagrangianGradient(q, v, dq, dv) {
      for (let i = 0; i < n; i++) {
        dq[i] = k * (at(q, i + 1) - 2 * at(q, i) + at(q, i - 1));
        dv[i] = dx * (v[i] as number);
      }
    },
    lagrangianHessian(_q, _v, hqq, hqv, hvv) {
      hqq.fill(0);
      hqv.fill(0);
      hvv.fill(0);
      for (let i = 0; i < n; i++) {
        hqq[i * n + i] = -2 * k;
        hqq[i * n + ((i + 1) % n)] = k;
        hqq[i * n + ((i + n - 1) % n)] = k;
        hvv[i * n + i] = dx;
      }
    },
    smoothRandomField(rng, phi, phiDot, options = {}) {
      const modes = integerAtLeast('wave1d.smoothRandomField', 'modes', options.modes ?? 5, 1);
      const amplitude = options.amplitude ?? 1;
      phi.fill(0);
      for (let m = 1; m <= Math.min(modes, Math.floor(n / 2)); m++) {
        const [a, b] = [rng.normal() / (m * m), rng.normal() / (m * m)];
        for (let i = 0; i < n; i++) {
          const x = (2 * Math.PI * m * i) / n;
          phi[i] = (phi[i] as number) + a * Math.cos(x) + b * Math.sin(x);
        }
      }
      let peak = 0;
      for (let i = 0; i < n; i++) peak = Math.max(peak, Math.abs(phi[i] as number));
      for (let i = 0; i < n; i++) phi[i] = peak > 0 ? ((phi[i] as number) * amplitude) / peak : 0;
      phiDot.fill(0);
    },
    gaussianPulse(phi, phiDot, options = {}) {
      const length = n * dx;
      const { center = length / 2, width = length / 20, amplitude = 1, travelling = true } = options;
      positive('wave1d.gaussianPulse', 'width', width);
      for (let i = 0; i < n; i++) {
        // Nearest periodic image of the centre.
        let r = i * dx - center;
        r -= length * Math.round(r / length);
        const value = amplitude * Math.exp(-(r * r) / (2 * width * width));
        phi[i] = value;
        // Right-moving: φ(x − ct) ⇒ φ̇ = −c φ′ = c r/w² φ.
        phiDot[i] = travelling ? (c * r * value) / (width * width) : 0;
      }
    },
  };
}
