import { pinvSolve } from '../pinv-solve';
import { checkSolverOptions, makeSolver, type Solver } from './solver';

/** Options of {@link pinv}. */
export interface PinvOptions {
  /**
   * Relative eigenvalue cutoff: `|λ| ≤ rcond · max|λ|` counts as zero (numpy's rule). Left out, it
   * is numpy's float32 default for a d×d matrix, d·ε₃₂ (chosen per matrix size by `pinvSolve`).
   * @default d · 1.1920929e-7
   */
  readonly rcond?: number;
}

/**
 * The pseudoinverse solver (`pinvSolve`): singular or indefinite symmetric `A` gives the
 * minimum-norm least-squares solution instead of an error — the LNN paper's choice for `H_vv`,
 * and `eulerLagrange`'s default.
 *
 * @throws {TypeError} on an rcond that is not a finite number ≥ 0, or an unknown option.
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend, pinv } from '@lnn/autodiff';
 * await initBackend();
 * const solver = pinv({ rcond: 1e-6 });
 * const x = solver.solve(tf.tensor3d([[[2, 0], [0, 0]]]), tf.tensor2d([[1, 1]]));
 * console.log(x.arraySync()); // [[0.5, 0]]: the singular direction dropped
 */
export function pinv(options?: PinvOptions): Solver<PinvOptions> {
  const { rcond } = checkSolverOptions('pinv', options, ['rcond']);
  if (rcond !== undefined && !(typeof rcond === 'number' && Number.isFinite(rcond) && rcond >= 0)) {
    throw new TypeError(`pinv: options.rcond must be a finite number ≥ 0 (or left out for d·ε₃₂), received ${String(rcond)}.`);
  }
  const resolved: PinvOptions = rcond === undefined ? {} : { rcond };
  return makeSolver('pinv', resolved, (a, b) => pinvSolve(a, b, resolved));
}
