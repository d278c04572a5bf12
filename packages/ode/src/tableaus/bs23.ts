import type { ButcherTableau } from '../tableau';

/**
 * Bogacki–Shampine 3(2) (P. Bogacki, L. F. Shampine, 1989), FSAL: third-order steps with a
 * second-order embedded error estimate — MATLAB's ode23, scipy's RK23.
 */
export const BS23: ButcherTableau = {
  name: 'bs23',
  order: 3,
  embeddedOrder: 2,
  fsal: true,
  c: [0, 1 / 2, 3 / 4, 1],
  a: [[], [1 / 2], [0, 3 / 4], [2 / 9, 1 / 3, 4 / 9]],
  b: [2 / 9, 1 / 3, 4 / 9, 0],
  // b − b̂, with b̂ = [7/24, 1/4, 1/3, 1/8].
  e: [2 / 9 - 7 / 24, 1 / 3 - 1 / 4, 4 / 9 - 1 / 3, -1 / 8],
};
