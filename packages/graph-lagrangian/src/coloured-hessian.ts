import * as tf from '@tensorflow/tfjs-core';
import type { Lagrangian } from '@lnn/lagrangian';
import { colourColumns, isValidColouring, type ColumnColouring } from './colour-columns';
import { Selection } from './internal/selection';
import type { SparsePattern } from './sparse-pattern';

const recoveries = new WeakMap<ColumnColouring, { probes: Float32Array; pick: Selection }>();

function recoveryOf(pattern: SparsePattern, colouring: ColumnColouring) {
  let r = recoveries.get(colouring);
  if (r === undefined) {
    const { n, columns } = pattern;
    const { colours, count } = colouring;
    // Probe c: 1 on the velocity coordinates of colour c, 0 elsewhere ([count, 2n]).
    const probes = new Float32Array(count * 2 * n);
    for (let j = 0; j < n; j++) probes[colours[j]! * 2 * n + n + j] = 1;
    // Entry (i, j) is row i of the product with probe colour(j): its velocity half.
    const rows = pattern.rows();
    const table = Int32Array.from(columns, (j, x) => colours[j]! * 2 * n + n + rows[x]!);
    r = { probes, pick: Selection.fromTable(count * 2 * n, table, 1) };
    recoveries.set(colouring, r);
  }
  return r;
}

/**
 * The velocity Hessian `H_vv = ∂²L/∂q̇²` of any whole Lagrangian on plain tensors (`[B, 2n]` → `[B]`)
 * whose sparsity `pattern` is known, by graph colouring: one Hessian-vector product (reverse over
 * reverse) per colour instead of one per coordinate — 5 on the 5-point stencil with
 * `edgeGraphColouring`, whatever n — so O(colours · n) instead of the dense O(n²). `colouring`
 * defaults to the greedy {@link colourColumns} of the pattern (checked valid when given). Returns
 * the stored entries `[B, nnz]` in the pattern's order and the number of probes (values, for checks and
 * Hessians; its gradients are not tested).
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend } from '@lnn/autodiff';
 * import { colouredHessian, edgeGraphColouring, edgeGraphPattern, EdgeGraphLagrangian, gridEdgeGraph } from '@lnn/graph-lagrangian';
 * await initBackend();
 * const model = new EdgeGraphLagrangian({ graph: gridEdgeGraph(5, 5).config, hidden: [8] });
 * const x = tf.randomNormal([1, 50], 0, 1, 'float32', 1) as tf.Tensor2D; // [q, q̇]
 * const { entries, probes } = colouredHessian(model.wholeLagrangian, edgeGraphPattern(model.graph), x, edgeGraphColouring(model.graph));
 * console.log(entries.shape, probes); // [1, 125] 5
 */
export function colouredHessian(lagrangian: Extract<Lagrangian, { tensor: unknown }>, pattern: SparsePattern, x: tf.Tensor2D, colouring?: ColumnColouring): { entries: tf.Tensor2D; probes: number } {
  const where = 'colouredHessian';
  const n = lagrangian?.dof;
  if (typeof lagrangian?.tensor !== 'function') throw new TypeError(`${where}: lagrangian must be { dof, tensor } (a whole L on [B, 2n] tensors), received ${String(lagrangian)}.`);
  if (pattern?.n !== n) throw new TypeError(`${where}: pattern must be an n × n SparsePattern with n = ${n} (the Lagrangian's dof), received ${String(pattern?.n)}.`);
  if (x?.rank !== 2 || x.shape[1] !== 2 * n) throw new TypeError(`${where}: x must be [B, ${2 * n}] ([q, q̇]), received ${x == null ? String(x) : `[${x.shape.join(', ')}]`}.`);
  if (colouring !== undefined && !(colouring.colours?.length === n && isValidColouring(pattern, colouring.colours))) {
    throw new TypeError(`${where}: colouring must give each of the ${n} columns a colour, no two columns of one colour in a row (edgeGraphColouring or colourColumns of this pattern).`);
  }
  const chosen = colouring ?? colourColumns(pattern);
  const { probes, pick } = recoveryOf(pattern, chosen);
  const count = chosen.count;
  return {
    entries: tf.tidy(() => {
      const batch = x.shape[0];
      const f = (y: tf.Tensor2D) => lagrangian.tensor(y, undefined);
      // Every sample paired with every probe: rows b·count + c; the sum over rows of ∇L·p is
      // separable, so its gradient holds each row's own H p.
      const tiled = tf.reshape(tf.tile(tf.reshape(x, [batch, 1, 2 * n]), [1, count, 1]), [batch * count, 2 * n]) as tf.Tensor2D;
      const p = tf.tile(tf.tensor2d(probes, [count, 2 * n]), [batch, 1]);
      const hp = tf.grad((y: tf.Tensor) => tf.sum(tf.mul(tf.grad((z: tf.Tensor) => tf.sum(f(z as tf.Tensor2D)))(y), p)))(tiled);
      return pick.apply(tf.reshape(hp, [batch, count * 2 * n]) as tf.Tensor2D);
    }),
    probes: count,
  };
}
