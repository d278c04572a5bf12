import type { EdgeGraph } from '../edge-graph';
import { SparsePattern } from '../sparse-pattern';
import { Selection } from './selection';

/**
 * One family of terms of an edge graph (its node terms, or its edge terms), at the level of
 * coordinates: each of its M terms sees k coordinates (slots), −1 for a ghost's.
 */
export interface TermFamily {
  readonly terms: number;
  /** k, coordinates each term sees: d for a node term, 2d for an edge term. */
  readonly slots: number;
  /** `[B, 2N]` (`[q, q̇]`) → `[B, M·2k]`: each term's `[x slots, v slots]` (ghost slots 0). */
  readonly localInputs: Selection;
  /** `[B, M·k]` slot values → `[B, N]`, added onto their coordinates. */
  readonly scatter: Selection;
  /** `[B, M·k·k]` local blocks (row-major per term) → `[B, nnz]` stored entries of H_vv. */
  readonly assemble: Selection;
}

/** The constant maps of an edge graph: its two families, H_vv's pattern, and the pinned rows. */
export interface EdgeOperators {
  readonly node: TermFamily;
  readonly edge: TermFamily;
  /** H_vv's compressed rows over the N = n·d coordinates (a node's coordinates coupled with its own and its neighbours'). */
  readonly pattern: SparsePattern;
  /**
   * Pinned rows: `[nnz]` keep-mask (0 on a pinned row or column), `[nnz]` 1 on a pinned diagonal,
   * `[nnz]` 1 on a free diagonal (whose sum's sign the pinned diagonal takes), `[N]` keep-mask of
   * the right-hand side; undefined when nothing is pinned.
   */
  readonly pinned: { readonly keep: Float32Array; readonly unit: Float32Array; readonly freeDiagonal: Float32Array; readonly rhs: Float32Array } | undefined;
}

const cache = new WeakMap<EdgeGraph, EdgeOperators>();

/** Each node's neighbours and itself, ascending without repeats, as compressed rows (typed arrays only). */
export function adjacency(graph: EdgeGraph): { start: Int32Array; list: Int32Array } {
  const { nodes: n, edges } = graph;
  const count = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) count[i + 1] = 1;
  for (let e = 0; e < edges.length; e += 2) {
    const [i, j] = [edges[e]!, edges[e + 1]!];
    if (j < 0) continue;
    count[i + 1]! += 1;
    count[j + 1]! += 1;
  }
  for (let i = 0; i < n; i++) count[i + 1]! += count[i]!;
  const fill = count.slice(0, n);
  const raw = new Int32Array(count[n]!);
  for (let i = 0; i < n; i++) raw[fill[i]!++] = i;
  for (let e = 0; e < edges.length; e += 2) {
    const [i, j] = [edges[e]!, edges[e + 1]!];
    if (j < 0) continue;
    raw[fill[i]!++] = j;
    raw[fill[j]!++] = i;
  }
  const start = new Int32Array(n + 1);
  const list = new Int32Array(raw.length);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const row = raw.subarray(count[i]!, count[i + 1]!).sort();
    for (let x = 0; x < row.length; x++) if (x === 0 || row[x] !== row[x - 1]) list[at++] = row[x]!;
    start[i + 1] = at;
  }
  return { start, list: list.slice(0, at) };
}

/** H_vv's pattern over coordinates: row (i, a) holds every coordinate of i's neighbours and itself. */
function coordinatePattern(graph: EdgeGraph): SparsePattern {
  const { nodes: n, components: d } = graph;
  const { start, list } = adjacency(graph);
  const rowStart = new Int32Array(n * d + 1);
  const columns = new Int32Array(list.length * d * d);
  let at = 0;
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) {
      for (let x = start[i]!; x < start[i + 1]!; x++) for (let b = 0; b < d; b++) columns[at++] = list[x]! * d + b;
      rowStart[i * d + a + 1] = at;
    }
  }
  return SparsePattern.fromCompressed(rowStart, columns);
}

/** A family from its `[M·k]` slot table (coordinates, −1 for ghosts). */
function family(graph: EdgeGraph, pattern: SparsePattern, table: Int32Array, k: number): TermFamily {
  const big = graph.dof;
  const terms = table.length / k;
  const local = new Int32Array(terms * 2 * k);
  for (let m = 0; m < terms; m++) {
    for (let a = 0; a < k; a++) {
      const c = table[m * k + a]!;
      local[m * 2 * k + a] = c;
      local[m * 2 * k + k + a] = c < 0 ? -1 : big + c;
    }
  }
  const entries = new Int32Array(terms * k * k);
  for (let m = 0; m < terms; m++) {
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        const [i, j] = [table[m * k + a]!, table[m * k + b]!];
        entries[(m * k + a) * k + b] = i < 0 || j < 0 ? -1 : pattern.indexOf(i, j);
      }
    }
  }
  return {
    terms,
    slots: k,
    localInputs: Selection.fromTable(2 * big, local, 1),
    // Scatter and assembly add slot values onto their targets: the transposes of the gathers.
    scatter: Selection.fromTable(big, table, 1).transpose(),
    assemble: Selection.fromTable(pattern.nnz, entries, 1).transpose(),
  };
}

/** The operators of an edge graph, built once per graph (typed arrays only: millions of nodes fit). */
export function edgeOperators(graph: EdgeGraph): EdgeOperators {
  const cached = cache.get(graph);
  if (cached !== undefined) return cached;
  const { nodes: n, components: d, edges } = graph;
  const pattern = coordinatePattern(graph);
  const nodeTable = new Int32Array(n * d);
  for (let c = 0; c < n * d; c++) nodeTable[c] = c;
  const count = edges.length / 2;
  const edgeTable = new Int32Array(count * 2 * d);
  for (let e = 0; e < count; e++) {
    for (let end = 0; end < 2; end++) {
      const i = edges[2 * e + end]!;
      for (let a = 0; a < d; a++) edgeTable[(2 * e + end) * d + a] = i < 0 ? -1 : i * d + a;
    }
  }
  let pinned: EdgeOperators['pinned'];
  if (graph.pinned.some((p) => p === 1)) {
    const rows = pattern.rows();
    const held = (c: number) => graph.pinned[Math.floor(c / d)] === 1;
    const keep = new Float32Array(pattern.nnz);
    const unit = new Float32Array(pattern.nnz);
    const freeDiagonal = new Float32Array(pattern.nnz);
    for (let x = 0; x < pattern.nnz; x++) {
      const [i, j] = [rows[x]!, pattern.columns[x]!];
      keep[x] = held(i) || held(j) ? 0 : 1;
      unit[x] = held(i) && i === j ? 1 : 0;
      freeDiagonal[x] = !held(i) && i === j ? 1 : 0;
    }
    pinned = { keep, unit, freeDiagonal, rhs: Float32Array.from({ length: n * d }, (_, c) => (held(c) ? 0 : 1)) };
  }
  const operators: EdgeOperators = { node: family(graph, pattern, nodeTable, d), edge: family(graph, pattern, edgeTable, 2 * d), pattern, pinned };
  cache.set(graph, operators);
  return operators;
}
