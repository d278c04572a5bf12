import * as tf from '@tensorflow/tfjs-core';
import { checkSolverOptions } from '@lnn/autodiff';
import { conjugateGradientSolve, type ConjugateGradientOptions } from '../conjugate-gradient-solve';
import { bandAsRows } from '../internal/band-as-rows';
import { makeGraphSolver, type GraphSolver } from './graph-solver';

/**
 * Jacobi-preconditioned conjugate gradients (`conjugateGradientSolve`, float64) on a graph's H_vv:
 * the default of graphs of general sparse structure, and usable on banded ones too (their band
 * read as compressed rows). H_vv must be definite (positive or negative). Options left out take
 * `@lnn/linalg`'s `conjugateGradient` defaults (tolerance 1e-10, max(100, 2n) iterations).
 *
 * @throws {TypeError} on a tolerance that is not > 0, an iteration limit that is not a positive
 *   integer, or an unknown option.
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend, jets, type Jet } from '@lnn/autodiff';
 * import { banded, cg, graphAccelerations, ringGraph } from '@lnn/graph-lagrangian';
 * await initBackend();
 * // a local density on a ring term [φᵢ₋₁, φᵢ, φᵢ₊₁, φ̇ᵢ₋₁, φ̇ᵢ, φ̇ᵢ₊₁]: ½ φ̇ᵢ² − ½ (φᵢ₊₁ − φᵢ)²
 * const density = (local: Jet) =>
 *   jets.sub(jets.scale(jets.square(jets.slice(local, 4, 1)), 0.5), jets.scale(jets.square(jets.sub(jets.slice(local, 2, 1), jets.slice(local, 1, 1))), 0.5));
 * const q = tf.tensor2d([[0, 1, 0, 0, 0, 0, 0, 0]]);
 * const qdot = tf.zeros([1, 8]) as tf.Tensor2D;
 * const iterative = graphAccelerations(ringGraph(8), density, q, qdot, { solver: cg({ tolerance: 1e-12 }) });
 * const direct = graphAccelerations(ringGraph(8), density, q, qdot, { solver: banded() });
 * console.log(iterative.arraySync(), direct.arraySync()); // both ≈ [[1, −2, 1, 0, 0, 0, 0, 0]]
 */
export function cg(options?: ConjugateGradientOptions): GraphSolver<ConjugateGradientOptions> {
  const { tolerance, maxIterations } = checkSolverOptions('cg', options, ['tolerance', 'maxIterations']);
  if (tolerance !== undefined && !(typeof tolerance === 'number' && tolerance > 0 && Number.isFinite(tolerance))) {
    throw new TypeError(`cg: options.tolerance must be a finite number > 0, received ${String(tolerance)}.`);
  }
  if (maxIterations !== undefined && !(Number.isInteger(maxIterations) && (maxIterations as number) > 0)) {
    throw new TypeError(`cg: options.maxIterations must be a positive integer, received ${String(maxIterations)}.`);
  }
  const given: ConjugateGradientOptions = { ...(tolerance === undefined ? {} : { tolerance: tolerance as number }), ...(maxIterations === undefined ? {} : { maxIterations: maxIterations as number }) };
  return makeGraphSolver('cg', given, () => undefined, (layout, values, rhs) => {
    if (layout.kind === 'csr') return conjugateGradientSolve(values, rhs, layout.pattern, given);
    const { pattern, select } = bandAsRows(layout, rhs.shape[1]);
    return tf.tidy(() => conjugateGradientSolve(select.apply(values), rhs, pattern, given));
  });
}
