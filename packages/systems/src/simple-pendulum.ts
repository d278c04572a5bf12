import { positive } from './internal/check';
import type { MechanicalSystem } from './system';

/**
 * The simple pendulum, q = θ from the downward vertical: `L = ½ m l² θ̇² + m g l cos θ`,
 * `θ̈ = −(g/l) sin θ`.
 *
 * @example
 * import { simplePendulum } from '@lnn/systems';
 * const p = simplePendulum({ l: 2 });
 * const qdd = new Float64Array(1);
 * p.acceleration([Math.PI / 2], [0], qdd);
 * console.log(qdd[0], p.energy([0], [0])); // -4.9 (−g/l) -19.6 (−m g l)
 */
export function simplePendulum(parameters: { readonly m?: number; readonly l?: number; readonly g?: number } = {}): MechanicalSystem {
  const where = 'simplePendulum';
  const m = positive(where, 'm', parameters.m ?? 1);
  const l = positive(where, 'l', parameters.l ?? 1);
  const g = positive(where, 'g', parameters.g ?? 9.8, true);
  const kinetic = (v: ArrayLike<number>) => 0.5 * m * l * l * (v[0] as number) ** 2;
  const potential = (q: ArrayLike<number>) => -m * g * l * Math.cos(q[0] as number);
  return {
    name: 'simple-pendulum',
    dof: 1,
    coordinates: ['theta'],
    parameters: { m, l, g },
    lagrangian: (q, v) => kinetic(v) - potential(q),
    energy: (q, v) => kinetic(v) + potential(q),
    acceleration: (q, _v, out) => {
      out[0] = -(g / l) * Math.sin(q[0] as number);
    },
    lagrangianGradient(q, v, dq, dv) {
      dq[0] = -m * g * l * Math.sin(q[0] as number);
      dv[0] = m * l * l * (v[0] as number);
    },
    lagrangianHessian(q, _v, hqq, hqv, hvv) {
      hqq[0] = -m * g * l * Math.cos(q[0] as number);
      hqv[0] = 0;
      hvv[0] = m * l * l;
    },
  };
}
