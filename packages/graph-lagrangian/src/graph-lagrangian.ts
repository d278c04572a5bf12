import * as tf from '@tensorflow/tfjs-core';
import { requireBackend } from '@lnn/autodiff';
import type { DynamicsModel, Lagrangian, ModelKind } from '@lnn/lagrangian';
import type { ConjugateGradientOptions } from './conjugate-gradient-solve';
import { DensityMlp } from './density-mlp';
import { graphOperators } from './internal/operators';
import type { Graph, GraphConfig } from './graph';
import { graphFromConfig } from './graph-from-config';
import { mlpLocalTerms } from './internal/mlp-local-terms';
import type { GraphSolver, GraphSolverJson } from './solvers/graph-solver';
import { toGraphSolver } from './solvers/graph-solver-option';
import { accelerationsFromLocalTerms, graphDerivatives, graphEnergy, type GraphDerivatives } from './sparse-euler-lagrange';

/** Configuration of {@link GraphLagrangian}; JSON-able. */
export interface GraphLagrangianConfig {
  /** The graph the densities sit on (`ringGraph(n).config`, …). */
  readonly graph: GraphConfig;
  /** Hidden widths of the density MLP. @default [400, 400, 400] (the paper's wave density 6 → 400 → 400 → 400 → 1) */
  readonly hidden?: readonly number[];
  /** Seed of the initialisation. @default 0 */
  readonly seed?: number;
  /**
   * How H_vv is solved: `banded()` or `cg({ tolerance, maxIterations })` (or its JSON, as saved
   * models hold it). Left out, the graph's layout chooses — `banded()` where H_vv is banded (rings,
   * lines), `cg()` otherwise — and `config.solver` stays undefined, so `onGraph` lets the other
   * graph choose too.
   * @default banded() on a band, cg() otherwise
   */
  readonly solver?: GraphSolver | GraphSolverJson;
  /**
   * Conjugate-gradient settings for graphs of general sparse structure.
   * @deprecated Use `solver: cg({ tolerance, maxIterations })`; still read (saved models hold it).
   */
  readonly conjugateGradient?: ConjugateGradientOptions;
}

/**
 * A Lagrangian graph network: `L = Σ_m L_density(φ, φ̇ on the neighbourhood of term m)`, one
 * density MLP (softplus, the paper's initialisation) shared by every term. Accelerations come
 * from the sparse Euler–Lagrange path — each term's Hessian block in closed form for the MLP
 * (the same numbers as the jets of `graphAccelerations`), assembled banded (cyclic on a ring) or
 * sparse, then an O(n) banded solve or conjugate gradient. Implements @lnn/lagrangian's
 * `DynamicsModel`, so `train`, `rollout`, `saveModel` and `loadModel` (given
 * {@link graphLagrangianKind}) work on it unchanged.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend } from '@lnn/autodiff';
 * import { GraphLagrangian, ringGraph } from '@lnn/graph-lagrangian';
 * await initBackend();
 * const model = new GraphLagrangian({ graph: ringGraph(100).config, hidden: [32, 32] });
 * const phi = tf.tensor2d([Array.from({ length: 100 }, (_, i) => Math.sin((2 * Math.PI * i) / 100))]);
 * const phiDot = tf.zerosLike(phi);
 * const qdd = model.accelerations(phi, phiDot); // [B, 100]
 * console.log(qdd.shape); // [1, 100]
 * model.dispose();
 */
export class GraphLagrangian implements DynamicsModel {
  readonly kind = 'graph-lagrangian';
  readonly dof: number;
  readonly extraDim = 0;
  readonly config: Readonly<{ graph: GraphConfig; hidden: readonly number[]; seed: number; solver?: GraphSolver }>;
  readonly graph: Graph;
  /** The shared density network. */
  readonly density: DensityMlp;
  readonly variables: tf.Variable[];

  constructor(config: GraphLagrangianConfig) {
    const where = 'GraphLagrangian';
    requireBackend(where);
    const { graph: graphConfig, hidden = [400, 400, 400], seed = 0 } = config ?? ({} as GraphLagrangianConfig);
    if (!Array.isArray(hidden) || hidden.length === 0 || !hidden.every((w) => Number.isInteger(w) && w > 0)) {
      throw new TypeError(`${where}: config.hidden must be a non-empty array of positive integers, received ${JSON.stringify(hidden)}.`);
    }
    if (!Number.isFinite(seed)) throw new TypeError(`${where}: config.seed must be a finite number, received ${String(seed)}.`);
    if (graphConfig == null || typeof graphConfig !== 'object') {
      throw new TypeError(`${where}: config.graph must be a graph configuration such as ringGraph(100).config, received ${String(graphConfig)}.`);
    }
    this.graph = graphFromConfig(graphConfig);
    this.dof = this.graph.nodes;
    const solver = toGraphSolver(`${where}: config.solver`, config.solver, config.conjugateGradient, graphOperators(this.graph).layout);
    this.config = { graph: this.graph.config, hidden: [...hidden], seed, ...(solver === undefined ? {} : { solver }) };
    this.density = new DensityMlp(2 * this.graph.neighbourhoodSize, hidden, seed);
    this.variables = this.density.variables;
  }

  private checkNoExtra(extra: tf.Tensor2D | undefined): void {
    if (extra !== undefined) throw new TypeError(`GraphLagrangian: this model takes no extra inputs, received a tensor of shape [${extra.shape.join(', ')}].`);
  }

  accelerations(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor2D {
    this.checkNoExtra(extra);
    const { weights, biases } = this.density;
    const terms = (local: tf.Tensor2D, slots: tf.Tensor2D) => mlpLocalTerms(weights as tf.Tensor2D[], biases as tf.Tensor1D[], local, slots);
    return accelerationsFromLocalTerms(this.graph, terms, q, qdot, this.config.solver === undefined ? {} : { solver: this.config.solver });
  }

  energy(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor1D {
    this.checkNoExtra(extra);
    return graphEnergy(this.graph, this.density.jet, q, qdot);
  }

  /** Value, gradients, and H_vv, H_vq in sparse form (see {@link graphDerivatives}). */
  derivatives(q: tf.Tensor2D, qdot: tf.Tensor2D): GraphDerivatives {
    return graphDerivatives(this.graph, this.density.jet, q, qdot);
  }

  /** The whole L as one jet Lagrangian on 2n inputs — the dense path, for `eulerLagrange` (small n). */
  get wholeLagrangian(): Extract<Lagrangian, { jet: unknown }> {
    return this.density.wholeLagrangian(this.graph);
  }

  /**
   * The same density on another graph with the same neighbourhood size (a model trained on a
   * 16-point ring, rolled out on a 100-point one): a new model holding copies of the weights.
   */
  onGraph(graph: GraphConfig): GraphLagrangian {
    const other = new GraphLagrangian({ ...this.config, graph });
    if (other.graph.neighbourhoodSize !== this.graph.neighbourhoodSize) {
      other.dispose();
      throw new TypeError(
        `GraphLagrangian.onGraph: the graph's terms see ${other.graph.neighbourhoodSize} nodes, this density takes ${this.graph.neighbourhoodSize}; use a graph of the same kind of neighbourhood.`,
      );
    }
    other.variables.forEach((v, i) => v.assign(this.variables[i] as tf.Variable));
    return other;
  }

  dispose(): void {
    tf.dispose(this.variables);
  }
}

/**
 * The kind `loadModel` builds a {@link GraphLagrangian} with: `loadModel(dir, { kinds: [graphLagrangianKind] })`.
 *
 * @example
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import path from 'node:path';
 * import { initBackend } from '@lnn/autodiff';
 * import { GraphLagrangian, graphLagrangianKind, ringGraph } from '@lnn/graph-lagrangian';
 * import { loadModel, saveModel } from '@lnn/lagrangian';
 * await initBackend();
 * const dir = path.join(mkdtempSync(path.join(tmpdir(), 'lnn-')), 'ring');
 * saveModel(new GraphLagrangian({ graph: ringGraph(8).config, hidden: [8] }), dir);
 * console.log(loadModel(dir, { kinds: [graphLagrangianKind] }).dof); // 8
 */
export const graphLagrangianKind: ModelKind = Object.freeze({
  kind: 'graph-lagrangian',
  build: (config: Readonly<Record<string, unknown>>) => new GraphLagrangian(config as unknown as GraphLagrangianConfig),
});
