import * as tf from '@tensorflow/tfjs-core';
import { assertFinite, jetDirectional, jetHessian, type Jet } from '@lnn/autodiff';
import { checkStates } from '@lnn/lagrangian';
import { bandToDense, type ConjugateGradientOptions } from '@lnn/linalg';
import type { Graph } from './graph';
import { blocksToEntries, localInputs, slotsToNodes } from './internal/layout';
import { jetLocalTerms, type LocalTermsFn } from './internal/local-terms';
import { graphOperators, type MatrixLayout } from './internal/operators';
import type { GraphSolver } from './solvers/graph-solver';
import { defaultGraphSolver, toGraphSolver } from './solvers/graph-solver-option';

/**
 * A local density written with `jets` primitives: each row of the input is one term's
 * `[φ on its k slots, φ̇ on its k slots]` (`[N, 2k]`), the output one value per row.
 */
export type DensityFn = (local: Jet) => Jet;

/** Options of {@link graphAccelerations}. */
export interface GraphSolveOptions {
  /**
   * How H_vv is solved: `banded()` (graphs whose H_vv is banded: rings, lines) or
   * `cg({ tolerance, maxIterations })` (any graph). @default banded() on a band, cg() otherwise
   */
  readonly solver?: GraphSolver;
  /**
   * Conjugate-gradient settings for graphs of general sparse structure.
   * @deprecated Use `solver: cg({ tolerance, maxIterations })`.
   */
  readonly conjugateGradient?: ConjugateGradientOptions;
}

/** The derivatives of `L = Σ_m density(local inputs of m)` at a batch, H_vv and H_vq in sparse form. */
export interface GraphDerivatives {
  /** L, `[B]`. */
  readonly value: tf.Tensor1D;
  /** ∇_q L, `[B, n]`. */
  readonly gradQ: tf.Tensor2D;
  /** ∇_q̇ L, `[B, n]`. */
  readonly gradV: tf.Tensor2D;
  /** ∂²L/∂q̇², its stored entries `[B, E]` (see `layout`; {@link toDenseMatrix} expands them). */
  readonly hvv: tf.Tensor2D;
  /** ∂²L/∂q̇∂q (row q̇ᵢ, column qⱼ), same layout. */
  readonly hvq: tf.Tensor2D;
  /** Band (`[n, 2p+1]` diagonals, cyclic or not) or compressed rows. */
  readonly layout: MatrixLayout;
}

/**
 * Gradient and Hessian blocks of a graph Lagrangian, assembled sparse from each term's local
 * Hessian (one `jetHessian` over all B·M terms at once, 2k inputs each). O(n) per sample.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend, jets, type Jet } from '@lnn/autodiff';
 * import { graphDerivatives, ringGraph } from '@lnn/graph-lagrangian';
 * await initBackend();
 * // a local density on a ring term [φᵢ₋₁, φᵢ, φᵢ₊₁, φ̇ᵢ₋₁, φ̇ᵢ, φ̇ᵢ₊₁]: ½ φ̇ᵢ² − ½ (φᵢ₊₁ − φᵢ)²
 * const density = (local: Jet) =>
 *   jets.sub(jets.scale(jets.square(jets.slice(local, 4, 1)), 0.5), jets.scale(jets.square(jets.sub(jets.slice(local, 2, 1), jets.slice(local, 1, 1))), 0.5));
 * const q = tf.tensor2d([[0, 1, 0, 0, 0, 0, 0, 0]]);
 * const qdot = tf.zeros([1, 8]) as tf.Tensor2D;
 * const { gradQ, hvv, layout } = graphDerivatives(ringGraph(8), density, q, qdot);
 * console.log(gradQ.arraySync(), hvv.shape, layout.kind); // [[1, −2, 1, 0, 0, 0, 0, 0]] [1, 40] band
 */
export function graphDerivatives(graph: Graph, density: DensityFn, q: tf.Tensor2D, qdot: tf.Tensor2D): GraphDerivatives {
  const batch = checkStates('graphDerivatives', graph.nodes, q, qdot);
  checkFinite('graphDerivatives', q, qdot);
  const k = graph.neighbourhoodSize;
  const rows = batch * graph.terms;
  return {
    ...tf.tidy(() => {
      const { value, gradient, hessian } = jetHessian(density, { checkFinite: false })(localInputs(graph, q, qdot).rows);
      const g = tf.transpose(gradient);
      const h = tf.transpose(hessian, [1, 2, 0]);
      const block = (r: number, c: number) => tf.reshape(tf.slice(h, [r, c, 0], [k, k, rows]), [k * k, rows]) as tf.Tensor2D;
      const half = (r: number) => slotsToNodes(graph, tf.slice(g, [r, 0], [k, rows]), batch);
      return {
        value: tf.sum(tf.reshape(value, [batch, graph.terms]), 1) as tf.Tensor1D,
        gradQ: half(0),
        gradV: half(k),
        hvv: blocksToEntries(graph, block(k, k), batch),
        hvq: blocksToEntries(graph, block(k, 0), batch),
      };
    }),
    layout: graphOperators(graph).layout,
  };
}


/**
 * Accelerations from each term's local share of the Euler–Lagrange system (`terms`, over the
 * B·M local inputs): the shares are added into the right-hand side and the band (or compressed
 * rows) of H_vv, then solved. The driver behind {@link graphAccelerations} and `GraphLagrangian`.
 */
export function accelerationsFromLocalTerms(graph: Graph, terms: LocalTermsFn, q: tf.Tensor2D, qdot: tf.Tensor2D, options: GraphSolveOptions = {}): tf.Tensor2D {
  const batch = checkStates('graphAccelerations', graph.nodes, q, qdot);
  const { layout } = graphOperators(graph);
  const solver = toGraphSolver('graphAccelerations: options.solver', options.solver, options.conjugateGradient, layout) ?? defaultGraphSolver(layout);
  return tf.tidy(() => {
    const { rows, slots } = localInputs(graph, q, qdot);
    const { rhs, hvv } = terms(rows, slots);
    return solver.solve(layout, blocksToEntries(graph, hvv, batch), slotsToNodes(graph, rhs, batch));
  });
}

/**
 * Accelerations of a graph Lagrangian by the Euler–Lagrange equation,
 * `q̈ = H_vv⁻¹ (∇_q L − H_vq q̇)`, in O(n) per sample on banded graphs. Each term carries k + 1
 * tangent directions (its k velocity axes and its local (q̇, 0)), which give its block of H_vv
 * and its part of `H_vq q̇` (`jetDirectional`, batched over all B·M terms); blocks are added into
 * the band (or compressed rows), and the solver finishes: `banded()` (cyclic on a ring) by
 * default where H_vv is banded, `cg()` otherwise. Differentiable in the density's parameters, for
 * training.
 *
 * @throws {TypeError} on wrong shapes; {@link LinalgError} from the solver (singular or indefinite H_vv).
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend, jets, type Jet } from '@lnn/autodiff';
 * import { graphAccelerations, ringGraph } from '@lnn/graph-lagrangian';
 * await initBackend();
 * const n = 100;
 * const dx = 1 / n;
 * // the wave equation's density on a ring term [φᵢ₋₁, φᵢ, φᵢ₊₁, φ̇ᵢ₋₁, φ̇ᵢ, φ̇ᵢ₊₁]: ½ (φ̇ᵢ² − ((φᵢ₊₁ − φᵢ)/Δx)²) Δx
 * const waveDensity = (local: Jet) => {
 *   const forward = jets.sub(jets.slice(local, 2, 1), jets.slice(local, 1, 1));
 *   return jets.add(jets.scale(jets.square(jets.slice(local, 4, 1)), dx / 2), jets.scale(jets.square(forward), -1 / (2 * dx)));
 * };
 * const q = tf.tensor2d([Array.from({ length: n }, (_, i) => Math.sin(2 * Math.PI * i * dx))]);
 * const qdot = tf.zerosLike(q);
 * const qdd = graphAccelerations(ringGraph(n), waveDensity, q, qdot); // [B, 100]
 * console.log(qdd.dataSync()[25]); // ≈ −(2π)² ≈ −39.5 at the crest: φ̈ = φ''
 */
export function graphAccelerations(graph: Graph, density: DensityFn, q: tf.Tensor2D, qdot: tf.Tensor2D, options: GraphSolveOptions = {}): tf.Tensor2D {
  return accelerationsFromLocalTerms(graph, jetLocalTerms(density), q, qdot, options);
}

/**
 * The energy `E = q̇·∇_q̇L − L` per sample, `[B]`: one tangent direction per term, its local
 * (0, q̇), gives each term's share `q̇·∇_q̇ density − density`.
 */
export function graphEnergy(graph: Graph, density: DensityFn, q: tf.Tensor2D, qdot: tf.Tensor2D): tf.Tensor1D {
  const batch = checkStates('graphEnergy', graph.nodes, q, qdot);
  checkFinite('graphEnergy', q, qdot);
  const k = graph.neighbourhoodSize;
  const rows = batch * graph.terms;
  return tf.tidy(() => {
    const local = localInputs(graph, q, qdot).rows;
    const velocityOnly = tf.concat([tf.zeros([1, k]), tf.ones([1, k])], 1);
    const direction = tf.reshape(tf.mul(local, velocityOnly), [rows, 1, 2 * k]) as tf.Tensor3D;
    const { value, directional } = jetDirectional(density, { checkFinite: false })(local, direction);
    return tf.sum(tf.reshape(tf.sub(tf.reshape(directional, [rows]), value), [batch, graph.terms]), 1) as tf.Tensor1D;
  });
}

/** Refuses non-finite q or q̇ under `where`'s name (the jets below would name themselves); reads both back. */
function checkFinite(where: string, q: tf.Tensor2D, qdot: tf.Tensor2D): void {
  assertFinite(where, 'q', q, 'node');
  assertFinite(where, 'q̇', qdot, 'node');
}

/**
 * Expands stored entries (`[B, E]`, a layout from {@link graphDerivatives}) into dense n×n
 * matrices `[B, n, n]` — for checks on small graphs.
 */
export function toDenseMatrix(layout: MatrixLayout, n: number, values: tf.Tensor2D): tf.Tensor3D {
  const batch = values.shape[0];
  const data = values.dataSync();
  const e = values.shape[1];
  const dense = new Float32Array(batch * n * n);
  for (let s = 0; s < batch; s++) {
    if (layout.kind === 'csr') {
      const rows = layout.pattern.rows();
      for (let x = 0; x < e; x++) {
        const at = s * n * n + rows[x]! * n + layout.pattern.columns[x]!;
        dense[at] = dense[at]! + data[s * e + x]!;
      }
      continue;
    }
    bandToDense(data, n, layout.p, { periodic: layout.periodic, offset: s * e, out: dense.subarray(s * n * n, (s + 1) * n * n) });
  }
  return tf.tensor3d(dense, [batch, n, n]);
}
