import * as tf from '@tensorflow/tfjs-core';
import { checkSolverOptions } from '@lnn/autodiff';
import { bandedSolve } from '../banded-solve';
import { rowsAsBand } from '../internal/rows-as-band';
import type { MatrixLayout } from '../internal/operators';
import { makeGraphSolver, type GraphSolver } from './graph-solver';

/**
 * A banded LU (partial pivoting, float64, `bandedSolve`) of a sparse H_vv after reordering its
 * coordinates by reverse Cuthill–McKee, which keeps coupled coordinates close: O(N·p²) for the
 * bandwidth p the ordering reaches. Direct, so it solves indefinite H_vv too (where CG stops) —
 * the choice for small graphs (training graphs), where p² is a few CG iterations' work. Takes
 * compressed rows; a band takes `banded()`. Differentiable (the gathers' and the banded solve's
 * gradients).
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend, jets, type Jet } from '@lnn/autodiff';
 * import { edgeGraphAccelerations, gridEdgeGraph, reorderedBanded } from '@lnn/graph-lagrangian';
 * await initBackend();
 * const node = (x: Jet) => jets.scale(jets.square(jets.slice(x, 1, 1)), 0.5);
 * const edge = (x: Jet) => jets.scale(jets.square(jets.sub(jets.slice(x, 0, 1), jets.slice(x, 1, 1))), -0.5);
 * const q = tf.tensor2d([[1, 0, 0, 0, 0, 0, 0, 0, 0]]);
 * const qdd = edgeGraphAccelerations(gridEdgeGraph(3, 3, { boundary: 'clamped' }), { node, edge }, q, tf.zerosLike(q), { solver: reorderedBanded() });
 * console.log(Array.from(qdd.dataSync()).map((a) => Math.round(a))); // [−4, 1, 0, 1, 0, 0, 0, 0, 0]
 */
export function reorderedBanded(options?: Readonly<Record<string, never>>): GraphSolver<Readonly<Record<string, never>>> {
  checkSolverOptions('reorderedBanded', options, []);
  const check = (layout: MatrixLayout, where: string) => {
    if (layout.kind !== 'csr') throw new TypeError(`${where}: reorderedBanded() reorders compressed rows, and this graph's H_vv is already a band; use banded() for it.`);
  };
  return makeGraphSolver('reordered-banded', {}, check, (layout, values, rhs) => {
    check(layout, 'reorderedBanded');
    if (layout.kind !== 'csr') throw new Error('unreachable');
    const { p, band, permute, unpermute } = rowsAsBand(layout.pattern);
    return tf.tidy(() => {
      const n = rhs.shape[1];
      const x = bandedSolve(tf.reshape(band.apply(values), [values.shape[0], n, 2 * p + 1]) as tf.Tensor3D, permute.apply(rhs));
      return unpermute.apply(x);
    });
  });
}
