import { jets } from '@lnn/autodiff';
import type { DensityFn } from './sparse-euler-lagrange';

/**
 * The true density of the discrete 1D wave equation on a ring or fixed-ends graph (local input
 * `[φᵢ₋₁, φᵢ, φᵢ₊₁, φ̇ᵢ₋₁, φ̇ᵢ, φ̇ᵢ₊₁]`): `½ (φ̇ᵢ² − c² ((φᵢ₊₁ − φᵢ)/Δx)²) Δx`, the Lagrangian of
 * `@lnn/systems`' `wave1d` term by term. Its accelerations are the second difference
 * `c² (φᵢ₊₁ − 2φᵢ + φᵢ₋₁)/Δx²`.
 *
 * @example
 * const qdd = graphAccelerations(ringGraph(100), waveDensity({ dx: 0.01 }), phi, phiDot);
 */
export function waveDensity(parameters: { readonly dx?: number; readonly c?: number } = {}): DensityFn {
  const { dx = 1, c = 1 } = parameters;
  for (const [name, value] of [['dx', dx], ['c', c]] as const) {
    if (!(typeof value === 'number' && value > 0 && Number.isFinite(value))) throw new TypeError(`waveDensity: ${name} must be a positive number, received ${String(value)}.`);
  }
  return (local) => {
    if (local.size !== 6) throw new TypeError(`waveDensity: the local input must have 6 features (φ and φ̇ on i − 1, i, i + 1), received ${local.size}.`);
    const forward = jets.sub(jets.slice(local, 2, 1), jets.slice(local, 1, 1));
    return jets.add(jets.scale(jets.square(jets.slice(local, 4, 1)), dx / 2), jets.scale(jets.square(forward), (-c * c) / (2 * dx)));
  };
}
