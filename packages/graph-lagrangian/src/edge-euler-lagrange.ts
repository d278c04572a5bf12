import * as tf from '@tensorflow/tfjs-core';
import { assertFinite, jetDirectional } from '@lnn/autodiff';
import { checkStates } from '@lnn/lagrangian';
import type { EdgeGraph } from './edge-graph';
import { edgeOperators, type TermFamily } from './internal/edge-operators';
import { jetLocalTerms, type LocalTermsFn } from './internal/local-terms';
import type { MatrixLayout } from './internal/operators';
import { edgeSolverChoice } from './edge-solver-choice';
import type { GraphSolver } from './solvers/graph-solver';
import type { DensityFn } from './sparse-euler-lagrange';

/**
 * The two local densities of an edge graph, written with `jets`: `node` sees one node's
 * `[x (d), v (d)]`, `edge` sees `[xᵢ (d), xⱼ (d), vᵢ (d), vⱼ (d), features (f)]` (a ghost end's x
 * and v are 0). Each edge is summed once, in the order the graph lists it — write `edge`
 * symmetric in i ↔ j (or symmetrise it) if the edges' orientation should not matter.
 */
export interface EdgeDensities {
  readonly node?: DensityFn;
  readonly edge?: DensityFn;
}

/** The local-terms functions of an edge graph's two families (either may be left out). */
export interface EdgeLocalTerms {
  readonly node?: LocalTermsFn;
  readonly edge?: LocalTermsFn;
}

/** Options of {@link edgeGraphAccelerations}. */
export interface EdgeSolveOptions {
  /** How H_vv is solved. @default the graph's choice ({@link edgeSolverChoice}: cg() with a Jacobi preconditioner) */
  readonly solver?: GraphSolver;
}

/** Each family's `[B·M, 2k (+ f)]` local input rows: gathered `[x, v]`, then the edge features. */
export function familyRows(graph: EdgeGraph, family: TermFamily, state: tf.Tensor2D, withFeatures: boolean): tf.Tensor2D {
  const batch = state.shape[0];
  const rows = tf.reshape(family.localInputs.apply(state), [batch * family.terms, 2 * family.slots]) as tf.Tensor2D;
  if (!withFeatures || graph.featureWidth === 0) return rows;
  const features = tf.tensor2d(graph.features, [family.terms, graph.featureWidth]);
  return tf.concat([rows, batch === 1 ? features : tf.tile(features, [batch, 1])], 1);
}

/**
 * H_vv's stored entries `[B, nnz]` and the right-hand side `∇_q L − H_vq q̇` `[B, N]` of an edge
 * graph, summed from each family's local terms (pinned rows already made ±identity rows — the sign
 * of the free rows' trace, so a definite H_vv of either sign stays definite — with a zero
 * right-hand side).
 */
export function edgeSystem(graph: EdgeGraph, terms: EdgeLocalTerms, q: tf.Tensor2D, qdot: tf.Tensor2D): { hvv: tf.Tensor2D; rhs: tf.Tensor2D } {
  const ops = edgeOperators(graph);
  const batch = q.shape[0];
  return tf.tidy(() => {
    const state = tf.concat([q, qdot], 1) as tf.Tensor2D;
    const hvvParts: tf.Tensor2D[] = [];
    const rhsParts: tf.Tensor2D[] = [];
    for (const [family, fn] of [[ops.node, terms.node], [ops.edge, terms.edge]] as const) {
      if (fn === undefined) continue;
      const rows = familyRows(graph, family, state, family === ops.edge);
      const { rhs, hvv } = inChunks(rows, fn);
      rhsParts.push(family.scatter.apply(tf.reshape(tf.transpose(rhs), [batch, -1]) as tf.Tensor2D));
      hvvParts.push(family.assemble.apply(tf.reshape(tf.transpose(hvv), [batch, -1]) as tf.Tensor2D));
    }
    let hvv = (hvvParts.length === 1 ? hvvParts[0]! : tf.add(hvvParts[0]!, hvvParts[1]!)) as tf.Tensor2D;
    let rhs = (rhsParts.length === 1 ? rhsParts[0]! : tf.add(rhsParts[0]!, rhsParts[1]!)) as tf.Tensor2D;
    if (ops.pinned !== undefined) {
      // A pinned row becomes ±1 on the diagonal, with the sign of the free rows' trace: L and −L give
      // the same dynamics, and a learned negative-definite H_vv with +1 rows would be indefinite, which CG refuses.
      const trace = tf.sum(tf.mul(hvv, tf.tensor1d(ops.pinned.freeDiagonal)), 1, true);
      // [B, 1]: −1 where the trace is negative, else 1 (sign has a zero gradient; Less has none registered, so it would break training)
      const sign = tf.sign(tf.add(tf.sign(trace), 0.5));
      hvv = tf.add(tf.mul(hvv, tf.tensor1d(ops.pinned.keep)), tf.mul(sign, tf.tensor1d(ops.pinned.unit)));
      rhs = tf.mul(rhs, tf.tensor1d(ops.pinned.rhs));
    }
    return { hvv, rhs };
  });
}

/**
 * Terms are independent: at most this many rows go through the density at once, so that a
 * million-node graph's tangents (`[rows, k + 1, hidden]` per layer) stay tens of MB, not GB.
 */
export const TERM_CHUNK_ROWS = 65_536;

/** `fn` on row blocks of at most {@link TERM_CHUNK_ROWS}, each block's intermediates freed before the next; results joined along the term axis. */
function inChunks(rows: tf.Tensor2D, fn: LocalTermsFn): { rhs: tf.Tensor2D; hvv: tf.Tensor2D } {
  const count = rows.shape[0];
  if (count <= TERM_CHUNK_ROWS) return fn(rows, tf.transpose(rows));
  const parts: { rhs: tf.Tensor2D; hvv: tf.Tensor2D }[] = [];
  for (let start = 0; start < count; start += TERM_CHUNK_ROWS) {
    parts.push(
      tf.tidy(() => {
        const block = tf.slice(rows, [start, 0], [Math.min(TERM_CHUNK_ROWS, count - start), -1]);
        const { rhs, hvv } = fn(block, tf.transpose(block));
        return { rhs, hvv };
      }),
    );
  }
  return { rhs: tf.concat(parts.map((p) => p.rhs), 1), hvv: tf.concat(parts.map((p) => p.hvv), 1) };
}

/** The layout of an edge graph's H_vv: compressed rows. */
export function edgeLayout(graph: EdgeGraph): MatrixLayout {
  return { kind: 'csr', pattern: edgeOperators(graph).pattern };
}

function checkArguments(where: string, graph: EdgeGraph, densities: EdgeDensities | EdgeLocalTerms, q: tf.Tensor2D, qdot: tf.Tensor2D): number {
  if (graph == null || !(graph.edges instanceof Int32Array)) throw new TypeError(`${where}: graph must be an EdgeGraph (edgeGraph(…), gridEdgeGraph(…)), received ${String(graph)}.`);
  if (densities == null || (typeof densities.node !== 'function' && typeof densities.edge !== 'function')) {
    throw new TypeError(`${where}: densities must be { node?, edge? } with at least one jet density function, received ${densities == null ? String(densities) : `{ ${Object.keys(densities).join(', ')} }`}.`);
  }
  const batch = checkStates(where, graph.dof, q, qdot);
  assertFinite(where, 'q', q, 'coordinate');
  assertFinite(where, 'q̇', qdot, 'coordinate');
  return batch;
}

/** Accelerations from local-terms functions: assembly, then the solver (the driver of {@link edgeGraphAccelerations} and `EdgeGraphLagrangian`). */
export function edgeAccelerationsFromTerms(graph: EdgeGraph, terms: EdgeLocalTerms, q: tf.Tensor2D, qdot: tf.Tensor2D, options: EdgeSolveOptions = {}): tf.Tensor2D {
  const solver = options.solver ?? edgeSolverChoice(graph).solver;
  const layout = edgeLayout(graph);
  solver.check(layout, 'edgeGraphAccelerations: options.solver');
  return tf.tidy(() => {
    const { hvv, rhs } = edgeSystem(graph, terms, q, qdot);
    return solver.solve(layout, hvv, rhs);
  });
}

/** The local-terms functions of jet densities (k + 1 tangents per term; features get none). */
export function jetEdgeTerms(graph: EdgeGraph, densities: EdgeDensities): EdgeLocalTerms {
  const d = graph.components;
  return {
    ...(densities.node === undefined ? {} : { node: jetLocalTerms(densities.node, d) }),
    ...(densities.edge === undefined ? {} : { edge: jetLocalTerms(densities.edge, 2 * d) }),
  };
}

/**
 * Accelerations of `L = Σ_nodes node(xᵢ, vᵢ) + Σ_edges edge(xᵢ, xⱼ, vᵢ, vⱼ, features)` on an edge
 * graph, by the sparse Euler–Lagrange equation `q̈ = H_vv⁻¹ (∇_q L − H_vq q̇)`: each term's local
 * Hessian block by jets (k + 1 tangents: d + 1 for a node term, 2d + 1 for an edge term), blocks
 * added into H_vv's compressed rows, then the graph's solver (conjugate gradients, Jacobi
 * preconditioner). O(nodes + edges) per sample and CG iteration; differentiable for training.
 *
 * @throws {TypeError} on a graph, densities or states of the wrong form; a `LinalgError` from the solver.
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend, jets, type Jet } from '@lnn/autodiff';
 * import { edgeGraphAccelerations, gridEdgeGraph } from '@lnn/graph-lagrangian';
 * await initBackend();
 * // the 2D wave equation (c = h = 1): ½ φ̇ᵢ² per node, −½ (φᵢ − φⱼ)² per edge
 * const node = (x: Jet) => jets.scale(jets.square(jets.slice(x, 1, 1)), 0.5);
 * const edge = (x: Jet) => jets.scale(jets.square(jets.sub(jets.slice(x, 0, 1), jets.slice(x, 1, 1))), -0.5);
 * const graph = gridEdgeGraph(4, 4, { boundary: 'clamped' });
 * const q = tf.tensor2d([[0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]]);
 * const qdd = edgeGraphAccelerations(graph, { node, edge }, q, tf.zerosLike(q));
 * console.log(Array.from(qdd.dataSync()).map((a) => Math.round(a))); // −4 at node 5, 1 at its four neighbours
 */
export function edgeGraphAccelerations(graph: EdgeGraph, densities: EdgeDensities, q: tf.Tensor2D, qdot: tf.Tensor2D, options: EdgeSolveOptions = {}): tf.Tensor2D {
  checkArguments('edgeGraphAccelerations', graph, densities, q, qdot);
  return edgeAccelerationsFromTerms(graph, jetEdgeTerms(graph, densities), q, qdot, options);
}

/**
 * H_vv (stored entries `[B, nnz]`, compressed rows `layout`) and `∇_q L − H_vq q̇` (`[B, N]`) of jet
 * densities on an edge graph: the sparse system the accelerations solve, for checks.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend, jets, type Jet } from '@lnn/autodiff';
 * import { edgeGraphSystem, gridEdgeGraph } from '@lnn/graph-lagrangian';
 * await initBackend();
 * const node = (x: Jet) => jets.scale(jets.square(jets.slice(x, 1, 1)), 0.5);
 * const { hvv, layout } = edgeGraphSystem(gridEdgeGraph(5, 5), { node }, tf.zeros([1, 25]) as tf.Tensor2D, tf.zeros([1, 25]) as tf.Tensor2D);
 * console.log(hvv.shape, layout.kind); // [1, 125] csr: the 5-point pattern, 5 entries a row
 */
export function edgeGraphSystem(graph: EdgeGraph, densities: EdgeDensities, q: tf.Tensor2D, qdot: tf.Tensor2D): { hvv: tf.Tensor2D; rhs: tf.Tensor2D; layout: MatrixLayout } {
  checkArguments('edgeGraphSystem', graph, densities, q, qdot);
  return { ...edgeSystem(graph, jetEdgeTerms(graph, densities), q, qdot), layout: edgeLayout(graph) };
}

/**
 * The energy `E = q̇·∇_q̇ L − L` per sample, `[B]`: one tangent per term, its local (0, v, 0).
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend, jets, type Jet } from '@lnn/autodiff';
 * import { edgeGraphEnergy, gridEdgeGraph } from '@lnn/graph-lagrangian';
 * await initBackend();
 * const node = (x: Jet) => jets.scale(jets.square(jets.slice(x, 1, 1)), 0.5);
 * const q = tf.zeros([1, 9]) as tf.Tensor2D;
 * console.log(edgeGraphEnergy(gridEdgeGraph(3, 3), { node }, q, tf.onesLike(q)).dataSync()[0]); // 4.5: ½ · 9
 */
export function edgeGraphEnergy(graph: EdgeGraph, densities: EdgeDensities, q: tf.Tensor2D, qdot: tf.Tensor2D): tf.Tensor1D {
  const batch = checkArguments('edgeGraphEnergy', graph, densities, q, qdot);
  const ops = edgeOperators(graph);
  return tf.tidy(() => {
    const state = tf.concat([q, qdot], 1) as tf.Tensor2D;
    const parts: tf.Tensor[] = [];
    for (const [family, density] of [[ops.node, densities.node], [ops.edge, densities.edge]] as const) {
      if (density === undefined) continue;
      const local = familyRows(graph, family, state, family === ops.edge);
      const [rows, width] = local.shape;
      const k = family.slots;
      const mask = new Float32Array(width);
      mask.fill(1, k, 2 * k);
      const direction = tf.reshape(tf.mul(local, tf.tensor1d(mask)), [rows, 1, width]) as tf.Tensor3D;
      const { value, directional } = jetDirectional(density, { checkFinite: false })(local, direction);
      parts.push(tf.sum(tf.reshape(tf.sub(tf.reshape(directional, [rows]), value), [batch, family.terms]), 1));
    }
    return (parts.length === 1 ? parts[0]! : tf.add(parts[0]!, parts[1]!)) as tf.Tensor1D;
  });
}
