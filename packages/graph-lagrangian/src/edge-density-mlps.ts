import * as tf from '@tensorflow/tfjs-core';
import { jets, Mlp, type Jet } from '@lnn/autodiff';
import type { EdgeDensities } from './edge-euler-lagrange';

/**
 * What the learned densities see. `'none'`: the node density sees `[xᵢ, vᵢ]`, the edge density
 * `[xᵢ, xⱼ, vᵢ, vⱼ, features]` and is applied both ways (`f(i, j) + f(j, i)`: symmetric by
 * construction) — for scalar fields (the 2D wave). `'euclidean'`: invariant under translations,
 * rotations and reflections of the plane, for points (the spring network): the node density sees
 * `|vᵢ|²`, the edge density `[|Δx|², Δx·Δv, |Δv|², features]` (Δ = i − j: already symmetric in
 * i ↔ j, applied once). Squared length rather than |Δx|: smooth everywhere (no kink, no NaN where
 * two nodes meet), and the network learns the square root where it needs one.
 */
export type EdgeInvariance = 'none' | 'euclidean';

/** The two density networks of an edge-graph model (softplus MLPs, the paper's initialisation) and their input maps. */
export class EdgeDensityMlps {
  readonly node: Mlp;
  readonly edge: Mlp;

  constructor(
    readonly components: number,
    readonly featureWidth: number,
    readonly invariance: EdgeInvariance,
    hidden: readonly number[],
    seed: number,
  ) {
    const [d, f] = [components, featureWidth];
    const common = { hidden, outputs: 1, activation: 'softplus', initialisation: 'paper' } as const;
    this.node = new Mlp({ ...common, where: 'EdgeGraphLagrangian (node density)', inputs: invariance === 'none' ? 2 * d : 1, seed });
    this.edge = new Mlp({ ...common, where: 'EdgeGraphLagrangian (edge density)', inputs: (invariance === 'none' ? 4 * d : 3) + f, seed: seed + 1 });
  }

  /** The densities as jet functions, for the sparse path. */
  get jets(): EdgeDensities {
    const [d, f] = [this.components, this.featureWidth];
    if (this.invariance === 'euclidean') {
      return {
        node: (x) => this.node.applyJet(jets.sum(jets.square(jets.slice(x, d, d)))),
        edge: (x) => {
          const dx = jets.sub(jets.slice(x, 0, d), jets.slice(x, d, d));
          const dv = jets.sub(jets.slice(x, 2 * d, d), jets.slice(x, 3 * d, d));
          const parts = [jets.sum(jets.square(dx)), jets.sum(jets.mul(dx, dv)), jets.sum(jets.square(dv))];
          return this.edge.applyJet(jets.concat(f === 0 ? parts : [...parts, jets.slice(x, 4 * d, f)]));
        },
      };
    }
    const swap = (x: Jet) => {
      const parts = [jets.slice(x, d, d), jets.slice(x, 0, d), jets.slice(x, 3 * d, d), jets.slice(x, 2 * d, d)];
      return jets.concat(f === 0 ? parts : [...parts, jets.slice(x, 4 * d, f)]);
    };
    return { node: (x) => this.node.applyJet(x), edge: (x) => jets.add(this.edge.applyJet(x), this.edge.applyJet(swap(x))) };
  }

  /** The same densities on plain tensors (`[N, width]` → `[N]`), for the dense path. */
  get tensors(): { node: (x: tf.Tensor2D) => tf.Tensor1D; edge: (x: tf.Tensor2D) => tf.Tensor1D } {
    const [d, f] = [this.components, this.featureWidth];
    const flat = (y: tf.Tensor2D) => tf.reshape(y, [-1]) as tf.Tensor1D;
    const cols = (x: tf.Tensor2D, start: number, size: number) => tf.slice(x, [0, start], [-1, size]);
    const sumOf = (t: tf.Tensor) => tf.sum(t, 1, true);
    if (this.invariance === 'euclidean') {
      return {
        node: (x) => flat(this.node.apply(sumOf(tf.square(cols(x, d, d))) as tf.Tensor2D)),
        edge: (x) => {
          const dx = tf.sub(cols(x, 0, d), cols(x, d, d));
          const dv = tf.sub(cols(x, 2 * d, d), cols(x, 3 * d, d));
          const parts = [sumOf(tf.square(dx)), sumOf(tf.mul(dx, dv)), sumOf(tf.square(dv))];
          return flat(this.edge.apply(tf.concat(f === 0 ? parts : [...parts, cols(x, 4 * d, f)], 1) as tf.Tensor2D));
        },
      };
    }
    const swap = (x: tf.Tensor2D) => {
      const parts = [cols(x, d, d), cols(x, 0, d), cols(x, 3 * d, d), cols(x, 2 * d, d)];
      return tf.concat(f === 0 ? parts : [...parts, cols(x, 4 * d, f)], 1) as tf.Tensor2D;
    };
    return { node: (x) => flat(this.node.apply(x)), edge: (x) => flat(tf.add(this.edge.apply(x), this.edge.apply(swap(x))) as tf.Tensor2D) };
  }

  /** The variables: the node network's weights and biases, then the edge network's. */
  get variables(): tf.Variable[] {
    return [...this.node.weights, ...this.node.biases, ...this.edge.weights, ...this.edge.biases] as tf.Variable[];
  }
}
