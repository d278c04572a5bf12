import * as tf from '@tensorflow/tfjs-core';
import { requireBackend } from '@lnn/autodiff';
import { eulerLagrange, type DynamicsModel, type Lagrangian, type ModelKind } from '@lnn/lagrangian';
import { EdgeDensityMlps, type EdgeInvariance } from './edge-density-mlps';
import { edgeAccelerationsFromTerms, edgeGraphEnergy, edgeLayout, familyRows, jetEdgeTerms } from './edge-euler-lagrange';
import type { EdgeGraph, EdgeGraphConfig } from './edge-graph';
import { edgeGraphFromConfig } from './edge-graph-from-config';
import { edgeSolverChoice, type EdgeSolverChoice } from './edge-solver-choice';
import { edgeOperators } from './internal/edge-operators';
import type { GraphSolver, GraphSolverJson } from './solvers/graph-solver';
import { toGraphSolver } from './solvers/graph-solver-option';

/** Configuration of {@link EdgeGraphLagrangian}; JSON-able. */
export interface EdgeGraphLagrangianConfig {
  /** The graph (`gridEdgeGraph(8, 8).config`, `edgeGraph({ … }).config`). */
  readonly graph: EdgeGraphConfig;
  /** Hidden widths of both density MLPs. @default [64, 64] */
  readonly hidden?: readonly number[];
  /** Seed of the initialisation (node network `seed`, edge network `seed + 1`). @default 0 */
  readonly seed?: number;
  /** What the densities see (see `EdgeInvariance`). @default 'none' for 1 coordinate per node, 'euclidean' for more */
  readonly invariance?: EdgeInvariance;
  /** How H_vv is solved. @default the graph's choice: cg() with a Jacobi preconditioner (`solverChoice` says why) */
  readonly solver?: GraphSolver | GraphSolverJson;
}

/**
 * A Lagrangian graph network of node and edge terms:
 * `L = Σ_nodes g(xᵢ, vᵢ) + Σ_edges f(xᵢ, xⱼ, vᵢ, vⱼ, featuresᵢⱼ)`, one node MLP and one edge MLP
 * shared over the graph (softplus, the paper's initialisation), any number of coordinates per node.
 * Accelerations by the sparse Euler–Lagrange path (per-term jets, compressed rows, CG): O(nodes +
 * edges) per sample. A `DynamicsModel`: `train`, `rollout`, `saveModel` and `loadModel` (given
 * {@link edgeGraphLagrangianKind}) work on it unchanged; `onGraph` moves the densities to another graph.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend } from '@lnn/autodiff';
 * import { EdgeGraphLagrangian, gridEdgeGraph } from '@lnn/graph-lagrangian';
 * await initBackend();
 * const model = new EdgeGraphLagrangian({ graph: gridEdgeGraph(8, 8).config, hidden: [16, 16] });
 * const q = tf.randomNormal([2, 64], 0, 1, 'float32', 1) as tf.Tensor2D;
 * console.log(model.accelerations(q, tf.zerosLike(q)).shape, model.solverChoice.name); // [2, 64] cg
 * const big = model.onGraph(gridEdgeGraph(64, 64).config); // the same densities on 64 × 64
 * console.log(big.dof); // 4096
 */
export class EdgeGraphLagrangian implements DynamicsModel {
  readonly kind = 'edge-graph-lagrangian';
  readonly dof: number;
  readonly extraDim = 0;
  readonly config: Readonly<{ graph: EdgeGraphConfig; hidden: readonly number[]; seed: number; invariance: EdgeInvariance; solver?: GraphSolver }>;
  readonly graph: EdgeGraph;
  readonly densities: EdgeDensityMlps;
  readonly variables: tf.Variable[];

  constructor(config: EdgeGraphLagrangianConfig) {
    const where = 'EdgeGraphLagrangian';
    requireBackend(where);
    const { graph: graphConfig, hidden = [64, 64], seed = 0 } = config ?? ({} as EdgeGraphLagrangianConfig);
    if (!Array.isArray(hidden) || hidden.length === 0 || !hidden.every((w) => Number.isInteger(w) && w > 0)) {
      throw new TypeError(`${where}: config.hidden must be a non-empty array of positive integers, received ${JSON.stringify(hidden)}.`);
    }
    if (!Number.isFinite(seed)) throw new TypeError(`${where}: config.seed must be a finite number, received ${String(seed)}.`);
    if (graphConfig == null || typeof graphConfig !== 'object') {
      throw new TypeError(`${where}: config.graph must be an edge graph configuration such as gridEdgeGraph(8, 8).config, received ${String(graphConfig)}.`);
    }
    this.graph = edgeGraphFromConfig(graphConfig);
    this.dof = this.graph.dof;
    const invariance = config.invariance ?? (this.graph.components === 1 ? 'none' : 'euclidean');
    if (invariance !== 'none' && invariance !== 'euclidean') throw new TypeError(`${where}: config.invariance must be 'none' or 'euclidean', received ${JSON.stringify(invariance)}.`);
    const solver = toGraphSolver(`${where}: config.solver`, config.solver, undefined, edgeLayout(this.graph));
    this.config = { graph: this.graph.config, hidden: [...hidden], seed, invariance, ...(solver === undefined ? {} : { solver }) };
    this.densities = new EdgeDensityMlps(this.graph.components, this.graph.featureWidth, invariance, hidden, seed);
    this.variables = this.densities.variables;
  }

  private checkNoExtra(extra: tf.Tensor2D | undefined): void {
    if (extra !== undefined) throw new TypeError(`EdgeGraphLagrangian: this model takes no extra inputs, received a tensor of shape [${extra.shape.join(', ')}].`);
  }

  /** The solver H_vv gets and why: the graph's choice, or the one `config.solver` gave. */
  get solverChoice(): EdgeSolverChoice | { readonly solver: GraphSolver; readonly name: string; readonly reason: string } {
    const given = this.config.solver;
    return given === undefined ? edgeSolverChoice(this.graph) : { solver: given, name: given.name, reason: 'given in config.solver' };
  }

  accelerations(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor2D {
    this.checkNoExtra(extra);
    return edgeAccelerationsFromTerms(this.graph, jetEdgeTerms(this.graph, this.densities.jets), q, qdot, { solver: this.solverChoice.solver });
  }

  energy(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor1D {
    this.checkNoExtra(extra);
    return edgeGraphEnergy(this.graph, this.densities.jets, q, qdot);
  }

  /** The whole L on `[B, 2N]` tensors as one Lagrangian — the dense path (`eulerLagrange` of `@lnn/lagrangian`; small graphs). */
  get wholeLagrangian(): Extract<Lagrangian, { tensor: unknown }> {
    const ops = edgeOperators(this.graph);
    const { node, edge } = this.densities.tensors;
    return {
      dof: this.dof,
      tensor: (x) => {
        const batch = x.shape[0];
        const part = (family: typeof ops.node, density: (t: tf.Tensor2D) => tf.Tensor1D, features: boolean) =>
          tf.sum(tf.reshape(density(familyRows(this.graph, family, x, features)), [batch, family.terms]), 1);
        return tf.add(part(ops.node, node, false), part(ops.edge, edge, true)) as tf.Tensor1D;
      },
    };
  }

  /** Accelerations by the dense path: the whole Hessian by nested reverse mode and a dense solve — O(n²) and O(n³), for checks and the bench's baseline. */
  denseAccelerations(q: tf.Tensor2D, qdot: tf.Tensor2D): tf.Tensor2D {
    return eulerLagrange(this.wholeLagrangian, q, qdot);
  }

  /** The same densities on another graph with the same coordinates per node and edge features: a new model holding copies of the weights. */
  onGraph(graph: EdgeGraphConfig): EdgeGraphLagrangian {
    const other = new EdgeGraphLagrangian({ ...this.config, graph });
    if (other.graph.components !== this.graph.components || other.graph.featureWidth !== this.graph.featureWidth) {
      other.dispose();
      throw new TypeError(
        `EdgeGraphLagrangian.onGraph: the graph has ${other.graph.components} coordinate(s) per node and ${other.graph.featureWidth} feature(s) per edge, these densities take ${this.graph.components} and ${this.graph.featureWidth}.`,
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
 * The kind `loadModel` builds an {@link EdgeGraphLagrangian} with: `loadModel(dir, { kinds: [edgeGraphLagrangianKind] })`.
 *
 * @example
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import path from 'node:path';
 * import { initBackend } from '@lnn/autodiff';
 * import { EdgeGraphLagrangian, edgeGraphLagrangianKind, gridEdgeGraph } from '@lnn/graph-lagrangian';
 * import { loadModel, saveModel } from '@lnn/lagrangian';
 * await initBackend();
 * const dir = path.join(mkdtempSync(path.join(tmpdir(), 'lnn-')), 'membrane');
 * saveModel(new EdgeGraphLagrangian({ graph: gridEdgeGraph(4, 4).config, hidden: [8] }), dir);
 * console.log(loadModel(dir, { kinds: [edgeGraphLagrangianKind] }).dof); // 16
 */
export const edgeGraphLagrangianKind: ModelKind = Object.freeze({
  kind: 'edge-graph-lagrangian',
  build: (config: Readonly<Record<string, unknown>>) => new EdgeGraphLagrangian(config as unknown as EdgeGraphLagrangianConfig),
});
