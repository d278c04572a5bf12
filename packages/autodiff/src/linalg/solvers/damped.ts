import { dampedSolve } from '../damped-solve';
import { checkSolverOptions, makeSolver, type Solver } from './solver';

/** Options of {@link damped}. */
export interface DampedOptions {
  /** The damping ε ≥ 0 of `(A + εI) x = b`, in the units of A's entries. @default 1e-3 */
  readonly epsilon?: number;
}

/**
 * The damped (Tikhonov) solver (`dampedSolve`): `(A + εI)⁻¹ b`, biased by ε but defined for
 * every `A ⪰ 0`.
 *
 * @throws {TypeError} on an epsilon that is not a finite number ≥ 0, or an unknown option.
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { damped, initBackend } from '@lnn/autodiff';
 * await initBackend();
 * const x = damped({ epsilon: 0.5 }).solve(tf.tensor3d([[[1.5, 0], [0, 0]]]), tf.tensor2d([[2, 1]]));
 * console.log(x.arraySync(), damped().options); // [[1, 2]] { epsilon: 0.001 }
 */
export function damped(options?: DampedOptions): Solver<Required<DampedOptions>> {
  const { epsilon = 1e-3 } = checkSolverOptions('damped', options, ['epsilon']);
  if (!(typeof epsilon === 'number' && Number.isFinite(epsilon) && epsilon >= 0)) {
    throw new TypeError(`damped: options.epsilon must be a finite number ≥ 0, received ${String(epsilon)}.`);
  }
  const resolved = { epsilon };
  return makeSolver('damped', resolved, (a, b) => dampedSolve(a, b, resolved));
}
