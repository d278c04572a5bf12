import { solve } from '../solve';
import { checkSolverOptions, makeSolver, type Solver } from './solver';

/**
 * The Cholesky solver (`solve(A, b, { method: 'cholesky' })`): symmetric positive definite `A`
 * (reads `(A + Aᵀ)/2`), about twice as fast as LU; an indefinite one throws a `LinalgError`.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { cholesky, initBackend } from '@lnn/autodiff';
 * await initBackend();
 * const x = cholesky().solve(tf.tensor3d([[[4, 2], [2, 3]]]), tf.tensor2d([[6, 5]]));
 * console.log(x.arraySync()); // [[1, 1]]
 */
export function cholesky(options?: Readonly<Record<string, never>>): Solver<Readonly<Record<string, never>>> {
  checkSolverOptions('cholesky', options, []);
  return makeSolver('cholesky', {}, (a, b) => solve(a, b, { method: 'cholesky' }));
}
