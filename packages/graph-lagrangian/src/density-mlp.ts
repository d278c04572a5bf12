import * as tf from '@tensorflow/tfjs-core';
import { jets, Mlp, type Jet } from '@lnn/autodiff';
import type { Lagrangian } from '@lnn/lagrangian';
import type { Graph } from './graph';
import { graphOperators } from './internal/operators';
import { selectJet, termwiseDense } from './internal/whole-jet';

/**
 * The density network shared by every term of a graph: an MLP (`@lnn/autodiff`'s `Mlp`) with
 * softplus activations from a term's `[φ slots, φ̇ slots]` (2k inputs) to one value, initialised
 * as the paper (biases 0, weight std c/√n). The paper's wave density is 6 → 400 → 400 → 400 → 1.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend } from '@lnn/autodiff';
 * import { DensityMlp, graphAccelerations, ringGraph } from '@lnn/graph-lagrangian';
 * await initBackend();
 * const mlp = new DensityMlp(6, [32, 32], 0); // [φ, φ̇] on a ring term's 3 nodes → one value
 * const q = tf.tensor2d([Array.from({ length: 16 }, (_, i) => Math.sin((2 * Math.PI * i) / 16))]);
 * const qdot = tf.zerosLike(q);
 * const qdd = graphAccelerations(ringGraph(16), mlp.jet, q, qdot);
 * console.log(qdd.shape); // [1, 16]
 */
export class DensityMlp {
  readonly weights: tf.Variable[];
  readonly biases: tf.Variable[];
  private readonly network: Mlp;

  constructor(
    readonly inputWidth: number,
    readonly hidden: readonly number[],
    seed: number,
  ) {
    this.network = new Mlp({ where: 'DensityMlp', inputs: inputWidth, hidden, outputs: 1, activation: 'softplus', initialisation: 'paper', seed });
    ({ weights: this.weights, biases: this.biases } = this.network);
  }

  /** The density as a jet function (`[N, 2k]` → one value per row): the fast path. */
  readonly jet = (local: Jet): Jet => this.network.applyJet(local);

  /** The density on plain tensors, `[N, 2k]` → `[N]`. */
  tensor(local: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => tf.reshape(this.network.apply(local), [-1]) as tf.Tensor1D);
  }

  /**
   * The whole `L(q, q̇) = Σ_m density(term m)` of a graph as one jet Lagrangian on 2n inputs: the
   * dense path. `eulerLagrange` of it carries n + 1 tangents through every term (O(n²) work and an
   * O(n³) dense solve) — the baseline the sparse path is measured against.
   */
  wholeLagrangian(graph: Graph): Extract<Lagrangian, { jet: unknown }> {
    const ops = graphOperators(graph);
    return {
      dof: graph.nodes,
      jet: (x) => {
        let h = selectJet(x, ops.localInputs);
        this.weights.forEach((w, i) => {
          h = termwiseDense(i === 0 ? h : jets.softplus(h), graph.terms, w as tf.Tensor2D, this.biases[i] as tf.Tensor1D);
        });
        return jets.sum(h);
      },
    };
  }

  /** The whole L on plain tensors, `[B, 2n]` → `[B]`, for the general (nested reverse-mode) path. */
  wholeTensor(graph: Graph): (x: tf.Tensor2D) => tf.Tensor1D {
    const ops = graphOperators(graph);
    return (x) => {
      const batch = x.shape[0];
      const local = tf.reshape(ops.localInputs.apply(x), [batch * graph.terms, 2 * graph.neighbourhoodSize]) as tf.Tensor2D;
      return tf.sum(tf.reshape(this.tensor(local), [batch, graph.terms]), 1) as tf.Tensor1D;
    };
  }

  /** The variables, weights then biases. */
  get variables(): tf.Variable[] {
    return [...this.weights, ...this.biases];
  }
}
