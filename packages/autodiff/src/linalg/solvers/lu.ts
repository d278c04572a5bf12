import { solve } from '../solve';
import { checkSolverOptions, makeSolver, type Solver } from './solver';

/**
 * The LU solver (`solve`, partial pivoting, float64): any regular square `A`; a singular one
 * throws a `LinalgError` naming the samples.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend, lu } from '@lnn/autodiff';
 * await initBackend();
 * const x = lu().solve(tf.tensor3d([[[0, 1], [2, 0]]]), tf.tensor2d([[3, 4]]));
 * console.log(x.arraySync()); // [[2, 3]]
 */
export function lu(options?: Readonly<Record<string, never>>): Solver<Readonly<Record<string, never>>> {
  checkSolverOptions('lu', options, []);
  return makeSolver('lu', {}, (a, b) => solve(a, b));
}
