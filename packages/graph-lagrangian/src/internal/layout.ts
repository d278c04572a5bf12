import * as tf from '@tensorflow/tfjs-core';
import type { Graph } from '../graph';
import { graphOperators } from './operators';
import { padLast, type Stencil } from './stencil';

/**
 * Moving values between the nodes of a graph, the slots of its terms and the stored entries of
 * its sparse matrices. Per-term values are slot-major — `[slots, B·M]`, one row per slot (or per
 * block entry) — so that on a stencil graph each row moves as one shifted vector (a slice of a
 * padded copy); other graphs go through the gathers of `graphOperators`.
 */

/** A stencil's padding of the term axis, and off a ring the mask of band entries whose column is a node. */
interface Plan {
  readonly stencil: Stencil;
  /** Term-axis padding: node i of slot a reads term `i − first − a`, at `lo − first − a + i` once padded. */
  readonly lo: number;
  readonly hi: number;
  /** `[2k − 1, n]`, 1 where diagonal d − (k − 1) of row i is inside the matrix; undefined on a ring. */
  readonly inside: Float32Array | undefined;
}

const plans = new WeakMap<Graph, Plan | null>();

function planOf(graph: Graph): Plan | undefined {
  const cached = plans.get(graph);
  if (cached !== undefined) return cached ?? undefined;
  const { stencil } = graphOperators(graph);
  let plan: Plan | null = null;
  if (stencil !== undefined) {
    const { nodes: n, terms, neighbourhoodSize: k } = graph;
    const { first, periodic } = stencil;
    let inside: Float32Array | undefined;
    if (!periodic) {
      inside = new Float32Array((2 * k - 1) * n);
      for (let d = 0; d < 2 * k - 1; d++) for (let i = 0; i < n; i++) inside[d * n + i] = i + d - (k - 1) >= 0 && i + d - (k - 1) < n ? 1 : 0;
    }
    plan = { stencil, lo: Math.max(0, first + k - 1), hi: Math.max(0, n - first - terms), inside };
  }
  plans.set(graph, plan);
  return plan ?? undefined;
}

/**
 * Each term's local input `[φ slots, φ̇ slots]`, as the density's input rows `[B·M, 2k]` and
 * slot-major `[2k, B·M]` (row a < k: φ in slot a of every term, sample-major; row k + a: its φ̇).
 */
export function localInputs(graph: Graph, q: tf.Tensor2D, qdot: tf.Tensor2D): { rows: tf.Tensor2D; slots: tf.Tensor2D } {
  const [batch, k, terms, n] = [q.shape[0], graph.neighbourhoodSize, graph.terms, graph.nodes];
  const plan = planOf(graph);
  if (plan === undefined) {
    const rows = tf.reshape(graphOperators(graph).localInputs.apply(tf.concat([q, qdot], 1) as tf.Tensor2D), [batch * terms, 2 * k]) as tf.Tensor2D;
    return { rows, slots: tf.transpose(rows) };
  }
  const { first, periodic } = plan.stencil;
  // Term m's slot a is node m + first + a: a slice of the nodes padded by −first before.
  const [lo, hi] = [Math.max(0, -first), Math.max(0, terms + first + k - 1 - n)];
  const padded = padLast(tf.stack([q, qdot], 0), lo, hi, periodic);
  const slot = (a: number) => tf.slice(padded, [0, 0, lo + first + a], [2, batch, terms]);
  const slots = tf.reshape(tf.stack(Array.from({ length: k }, (_, a) => slot(a)), 1), [2 * k, batch * terms]) as tf.Tensor2D;
  return { rows: tf.transpose(slots), slots };
}

/** Row a of a stencil's padded `[k, …, B, M + lo + hi]` values, moved onto the nodes: `[1, …, B, n]`. */
function onNodes(plan: Plan, padded: tf.Tensor, a: number, n: number): tf.Tensor {
  const begin = padded.shape.map((_, i) => (i === 0 ? a : i === padded.rank - 1 ? plan.lo - plan.stencil.first - a : 0));
  return tf.slice(padded, begin, padded.shape.map((d, i) => (i === 0 ? 1 : i === padded.rank - 1 ? n : d)));
}

/** Slot values `[k, B·M]` added onto their nodes: `[B, n]` (the transpose of the gather into slots). */
export function slotsToNodes(graph: Graph, slots: tf.Tensor2D, batch: number): tf.Tensor2D {
  const [k, n, terms] = [graph.neighbourhoodSize, graph.nodes, graph.terms];
  const plan = planOf(graph);
  if (plan === undefined) return graphOperators(graph).scatter.apply(tf.reshape(tf.transpose(slots), [batch, -1]) as tf.Tensor2D);
  const padded = padLast(tf.reshape(slots, [k, batch, terms]), plan.lo, plan.hi, plan.stencil.periodic);
  return tf.reshape(tf.addN(Array.from({ length: k }, (_, a) => onNodes(plan, padded, a, n))), [batch, n]) as tf.Tensor2D;
}

/**
 * Local blocks `[k·k, B·M]` (row a·k + b: the entry of slot a's row and slot b's column in each
 * term's k×k block) added into the stored entries of the assembled n×n matrix, `[B, E]` (on a
 * stencil, the band `[B, n, 2k − 1]` flattened: entry (a, b) lands on diagonal b − a of node
 * m + first + a's row).
 */
export function blocksToEntries(graph: Graph, blocks: tf.Tensor2D, batch: number): tf.Tensor2D {
  const [k, n, terms] = [graph.neighbourhoodSize, graph.nodes, graph.terms];
  const plan = planOf(graph);
  if (plan === undefined) return graphOperators(graph).assemble.apply(tf.reshape(tf.transpose(blocks), [batch, -1]) as tf.Tensor2D);
  const padded = padLast(tf.reshape(blocks, [k, k, batch, terms]), plan.lo, plan.hi, plan.stencil.periodic);
  const rows = Array.from({ length: k }, (_, a) => tf.pad(tf.reshape(onNodes(plan, padded, a, n), [k, batch, n]), [[k - 1 - a, a], [0, 0], [0, 0]]));
  let diagonals = tf.addN(rows);
  // Off a ring, entries whose column is a ghost node are not stored.
  if (plan.inside !== undefined) diagonals = tf.mul(diagonals, tf.tensor3d(plan.inside, [2 * k - 1, 1, n]));
  return tf.reshape(tf.transpose(diagonals, [1, 2, 0]), [batch, n * (2 * k - 1)]) as tf.Tensor2D;
}
