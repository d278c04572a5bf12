import * as tf from '@tensorflow/tfjs-core';
import { checkSolverOptions } from '@lnn/autodiff';
import { bandedSolve } from '../banded-solve';
import type { MatrixLayout } from '../internal/operators';
import { periodicBandedSolve } from '../periodic-banded-solve';
import { makeGraphSolver, type GraphSolver } from './graph-solver';

type BandLayout = Extract<MatrixLayout, { kind: 'band' }>;

function bandLayout(layout: MatrixLayout, where: string): BandLayout {
  if (layout.kind !== 'band') {
    throw new TypeError(`${where}: banded() solves banded matrices, and this graph's H_vv has general sparse structure (compressed rows); use cg() for it.`);
  }
  return layout;
}

/**
 * The direct banded solve of a graph's H_vv: `periodicBandedSolve` on a ring (cyclic band),
 * `bandedSolve` on a line (float64 LU with partial pivoting; exact, O(n·p²)). The default of every
 * graph whose H_vv is banded; graphs of general sparse structure need `cg()`.
 *
 * @throws {TypeError} on options (it takes none); its solve, on a graph that is not banded.
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend } from '@lnn/autodiff';
 * import { banded, GraphLagrangian, ringGraph } from '@lnn/graph-lagrangian';
 * await initBackend();
 * const model = new GraphLagrangian({ graph: ringGraph(16).config, hidden: [8], solver: banded() });
 * const qdd = model.accelerations(tf.randomNormal([2, 16], 0, 0.1, 'float32', 1) as tf.Tensor2D, tf.zeros([2, 16]) as tf.Tensor2D);
 * console.log(qdd.shape, model.config.solver?.name); // [2, 16] banded
 */
export function banded(options?: Readonly<Record<string, never>>): GraphSolver<Readonly<Record<string, never>>> {
  checkSolverOptions('banded', options, []);
  return makeGraphSolver(
    'banded',
    {},
    (layout, where) => void bandLayout(layout, where),
    (layout, values, rhs) => {
      const { p, periodic } = bandLayout(layout, 'banded');
      return tf.tidy(() => {
        const band = tf.reshape(values, [values.shape[0], rhs.shape[1], 2 * p + 1]) as tf.Tensor3D;
        return periodic ? periodicBandedSolve(band, rhs) : bandedSolve(band, rhs);
      });
    },
  );
}
