import type { ButcherTableau } from '../tableau';

/**
 * Dormand–Prince 5(4) (J. R. Dormand, P. J. Prince, 1980), FSAL, as in Hairer, Nørsett & Wanner,
 * Solving ODEs I, and MATLAB's ode45 / scipy's RK45.
 */
export const DOPRI5: ButcherTableau = {
  name: 'dopri5',
  order: 5,
  embeddedOrder: 4,
  fsal: true,
  c: [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1],
  a: [
    [],
    [1 / 5],
    [3 / 40, 9 / 40],
    [44 / 45, -56 / 15, 32 / 9],
    [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
    [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
    [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
  ],
  b: [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0],
  e: [71 / 57600, 0, -71 / 16695, 71 / 1920, -17253 / 339200, 22 / 525, -1 / 40],
};

/** Coefficients of the fourth-order continuous extension (Hairer's CONTD5). */
export const DOPRI5_DENSE = [
  -12715105075 / 11282082432,
  0,
  87487479700 / 32700410799,
  -10690763975 / 1880347072,
  701980252875 / 199316789632,
  -1453857185 / 822651844,
  69997945 / 29380423,
] as const;
