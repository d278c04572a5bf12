import type { Graph } from '../graph';
import { SparsePattern } from '../sparse-pattern';
import { Selection } from './selection';
import { centred, stencilOf, type Stencil } from './stencil';

/** How H_vv (and H_vq, same pattern) of a graph is stored. */
export type MatrixLayout = { readonly kind: 'band'; readonly periodic: boolean; readonly p: number } | { readonly kind: 'csr'; readonly pattern: SparsePattern };

/** The constant linear maps between nodes, term slots and stored matrix entries of one graph. */
export interface GraphOperators {
  /** `[B, n]` → `[B, M·k]`: node values into the term slots (ghost slots 0). */
  readonly gather: Selection;
  /** `[B, M·k]` → `[B, n]`: slot values added back onto their nodes (gather's transpose). */
  readonly scatter: Selection;
  /** `[B, 2n]` → `[B, M·2k]`: `[q, q̇]` into each term's local input `[φ slots, φ̇ slots]`. */
  readonly localInputs: Selection;
  /** `[B, M·k·k]` local k×k blocks → `[B, E]` stored entries of the assembled n×n matrix. */
  readonly assemble: Selection;
  readonly layout: MatrixLayout;
  /** The consecutive nodes the terms see (rings, fixed-ends grids): shifts replace the gathers. */
  readonly stencil: Stencil | undefined;
}

const cache = new WeakMap<Graph, GraphOperators>();

/**
 * The bandwidth the neighbourhoods imply: two nodes are coupled in H_vv when one term sees both,
 * so p is the largest (cyclic, on a ring) index distance between two slots of one term.
 */
function bandwidth(graph: Graph, periodic: boolean): number {
  const { neighbourhood: nb, neighbourhoodSize: k, terms, nodes: n } = graph;
  let p = 0;
  for (let m = 0; m < terms; m++) {
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        const [i, j] = [nb[m * k + a]!, nb[m * k + b]!];
        if (i >= 0 && j >= 0) p = Math.max(p, Math.abs(offset(i, j, n, periodic)));
      }
    }
  }
  return p;
}

/** j − i, reduced to (−n/2, n/2] on a ring. */
function offset(i: number, j: number, n: number, periodic: boolean): number {
  return periodic ? centred(j - i, n) : j - i;
}

/** The gathers of a graph: `[B, n]` ↔ term slots, `[q, q̇]` → local inputs, local blocks → stored entries. */
function selections(graph: Graph, layout: MatrixLayout): Pick<GraphOperators, 'gather' | 'scatter' | 'localInputs' | 'assemble'> {
  const { neighbourhood: nb, neighbourhoodSize: k, terms, nodes: n } = graph;
  const slotRows = Array.from(nb, (i) => (i >= 0 ? [i] : []));
  const gather = new Selection(n, slotRows);
  const localRows: number[][] = [];
  for (let m = 0; m < terms; m++) {
    for (let a = 0; a < k; a++) localRows.push(slotRows[m * k + a]!);
    for (let a = 0; a < k; a++) localRows.push(slotRows[m * k + a]!.map((i) => n + i));
  }
  const entryOf =
    layout.kind === 'csr'
      ? (i: number, j: number) => layout.pattern.indexOf(i, j)
      : (i: number, j: number) => i * (2 * layout.p + 1) + offset(i, j, n, layout.periodic) + layout.p;
  const entries = layout.kind === 'csr' ? layout.pattern.nnz : n * (2 * layout.p + 1);
  const entryRows: number[][] = Array.from({ length: entries }, () => []);
  for (let m = 0; m < terms; m++) {
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        const [i, j] = [nb[m * k + a]!, nb[m * k + b]!];
        if (i >= 0 && j >= 0) entryRows[entryOf(i, j)]!.push((m * k + a) * k + b);
      }
    }
  }
  return { gather, scatter: gather.transpose(), localInputs: new Selection(2 * n, localRows), assemble: new Selection(terms * k * k, entryRows) };
}

/**
 * The operators of a graph, once per graph: the layout and stencil at once, the gathers when first
 * used (a stencil graph's sparse path never uses them; at n = 100,000 they take seconds and
 * ~150 MB of JS heap to build).
 */
export function graphOperators(graph: Graph): GraphOperators {
  const cached = cache.get(graph);
  if (cached !== undefined) return cached;
  const { neighbourhood: nb, neighbourhoodSize: k, terms, nodes: n } = graph;
  let layout: MatrixLayout;
  if (graph.structure === 'sparse') {
    const columns: Set<number>[] = Array.from({ length: n }, () => new Set());
    for (let m = 0; m < terms; m++) {
      for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) if (nb[m * k + a]! >= 0 && nb[m * k + b]! >= 0) columns[nb[m * k + a]!]!.add(nb[m * k + b]!);
    }
    layout = { kind: 'csr', pattern: SparsePattern.fromRows(columns.map((c) => [...c])) };
  } else {
    const periodic = graph.structure === 'periodic-banded';
    layout = { kind: 'band', periodic, p: bandwidth(graph, periodic) };
  }
  let built: ReturnType<typeof selections> | undefined;
  const lazy = () => (built ??= selections(graph, layout));
  const operators: GraphOperators = {
    get gather() {
      return lazy().gather;
    },
    get scatter() {
      return lazy().scatter;
    },
    get localInputs() {
      return lazy().localInputs;
    },
    get assemble() {
      return lazy().assemble;
    },
    layout,
    // Shifts serve a stencil whose band is the full 2k − 1 diagonals.
    stencil: layout.kind === 'band' && layout.p === k - 1 ? stencilOf(graph) : undefined,
  };
  cache.set(graph, operators);
  return operators;
}
