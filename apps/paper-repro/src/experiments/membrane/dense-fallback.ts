import * as tf from '@tensorflow/tfjs-core';
import { LinalgError, pinv } from '@lnn/autodiff';
import { graphDerivatives, type GraphLagrangian } from '@lnn/graph-lagrangian';
import type { DynamicsModel } from '@lnn/lagrangian';

/**
 * The Euler–Lagrange accelerations of a graph density with H_vv assembled dense and solved by the
 * pseudoinverse (the paper's solve), differentiable in the weights: the sparse derivatives of
 * `graphDerivatives`, scattered into n × n by one-hot matrix products. O(n³) per sample — for the
 * small training grid only.
 */
export function denseAccelerations(model: GraphLagrangian, q: tf.Tensor2D, qdot: tf.Tensor2D): tf.Tensor2D {
  const n = model.dof;
  return tf.tidy(() => {
    const d = graphDerivatives(model.graph, model.density.jet, q, qdot);
    if (d.layout.kind !== 'csr') throw new TypeError(`denseAccelerations: expected a graph of general sparse structure (compressed rows), received a ${d.layout.kind} layout.`);
    const { pattern } = d.layout;
    const rows = pattern.rows();
    const batch = q.shape[0];
    const e = pattern.nnz;
    // One-hot scatters (E × n² and E × n) as matrix products: wasm has no UnsortedSegmentSum. Repeated entries add, as in toDenseMatrix.
    const [toDense, toRows] = [new Float32Array(e * n * n), new Float32Array(e * n)];
    for (let x = 0; x < e; x++) {
      toDense[x * n * n + (rows[x] as number) * n + (pattern.columns[x] as number)] = 1;
      toRows[x * n + (rows[x] as number)] = 1;
    }
    const hvv = tf.reshape(tf.matMul(d.hvv, tf.tensor2d(toDense, [e, n * n])), [batch, n, n]) as tf.Tensor3D;
    const along = tf.mul(d.hvq, tf.gather(qdot, tf.tensor1d(Int32Array.from(pattern.columns), 'int32'), 1)); // H_vq[i, j] q̇ⱼ per entry
    const hvqQdot = tf.matMul(along, tf.tensor2d(toRows, [e, n]));
    return pinv().solve(hvv, tf.sub(d.gradQ, hvqQdot)) as tf.Tensor2D;
  });
}

/**
 * A `GraphLagrangian` for training on the small grid: its own fast path (sparse H_vv, conjugate
 * gradient), and where conjugate gradient cannot solve — H_vv indefinite at some states of the
 * batch, as a random initialisation often is and a training run can pass through — the same
 * accelerations of those states by {@link denseAccelerations}, the rest by CG again (batches that
 * needed it counted in `fallbacks`). Kind,
 * configuration and variables are the wrapped model's, so `saveModel` writes a `GraphLagrangian`
 * and `loadModel` reads it back as one.
 */
export class DenseFallbackModel implements DynamicsModel {
  readonly kind: string;
  readonly dof: number;
  readonly extraDim = 0;
  readonly config: Readonly<Record<string, unknown>>;
  readonly variables: readonly tf.Variable[];
  /** Batches solved by the dense fallback so far. */
  fallbacks = 0;

  constructor(readonly model: GraphLagrangian) {
    this.kind = model.kind;
    this.dof = model.dof;
    this.config = model.config;
    this.variables = model.variables;
  }

  accelerations(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor2D {
    let failed: readonly number[];
    try {
      return this.model.accelerations(q, qdot, extra);
    } catch (error) {
      if (!(error instanceof LinalgError) || error.op !== 'conjugateGradientSolve' || error.kind === 'non-finite-input') throw error;
      failed = error.samples;
    }
    this.fallbacks++;
    // CG solves each sample on its own: the others go through it again, the failed ones dense.
    const batch = q.shape[0];
    const bad = new Set(failed);
    const good = Array.from({ length: batch }, (_, i) => i).filter((i) => !bad.has(i));
    const order = [...good, ...failed];
    return tf.tidy(() => {
      const pick = (x: tf.Tensor2D, rows: readonly number[]) => tf.gather(x, tf.tensor1d(Int32Array.from(rows), 'int32')) as tf.Tensor2D;
      const parts = [
        ...(good.length > 0 ? [this.model.accelerations(pick(q, good), pick(qdot, good))] : []),
        denseAccelerations(this.model, pick(q, failed), pick(qdot, failed)),
      ];
      // Back in order by a permutation matrix: the gradient of a gather needs UnsortedSegmentSum, which wasm lacks.
      const permutation = new Float32Array(batch * batch);
      order.forEach((row, at) => (permutation[row * batch + at] = 1));
      return tf.matMul(tf.tensor2d(permutation, [batch, batch]), tf.concat(parts, 0));
    });
  }

  energy(q: tf.Tensor2D, qdot: tf.Tensor2D): tf.Tensor1D {
    return this.model.energy(q, qdot);
  }

  dispose(): void {
    this.model.dispose();
  }
}
