/** The JSON-able description of a graph (saved with a model). */
export type GraphConfig =
  | { readonly kind: 'ring'; readonly n: number }
  | { readonly kind: 'fixed-ends'; readonly n: number }
  | { readonly kind: 'periodic-grid'; readonly rows: number; readonly cols: number }
  | { readonly kind: 'neighbour-lists'; readonly neighbours: readonly (readonly number[])[] };

/** How the velocity Hessian `H_vv` of a sum of local densities on the graph is stored and solved. */
export type GraphStructure = 'periodic-banded' | 'banded' | 'sparse';

/**
 * Where the local densities of a Lagrangian graph network sit: `L = Σ_m L_density(φ, φ̇ on the
 * neighbourhood of term m)`. A graph lists, for each of its M terms, the k nodes the term sees, in
 * a fixed order (the density's input order); a slot may hold a ghost node, fixed at φ = φ̇ = 0.
 */
export interface Graph {
  readonly config: GraphConfig;
  /** n, the nodes: the model's coordinates are the n field values. */
  readonly nodes: number;
  /** M, the density terms summed into L. */
  readonly terms: number;
  /** k, the nodes each term sees. */
  readonly neighbourhoodSize: number;
  /** `[M·k]`: the node in slot a of term m at `m·k + a`, or −1 for a ghost node. */
  readonly neighbourhood: Int32Array;
  /** Banded (cyclic or plain, the bandwidth follows from the neighbourhoods) or general sparse. */
  readonly structure: GraphStructure;
}

/**
 * The most nodes a graph may have: 10 million (its neighbourhood table alone is then 120–200 MB,
 * and one batch row of states 80 MB); beyond it a RangeError, not an out-of-memory crash or a
 * minutes-long fill.
 */
export const MAX_GRAPH_NODES = 10_000_000;

/** Throws unless `value` is an integer ≥ `min` (TypeError) and ≤ `max` (RangeError), naming the function and argument. */
export function checkInteger(where: string, name: string, value: unknown, min: number, max = MAX_GRAPH_NODES): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new TypeError(`${where}: ${name} must be an integer ≥ ${min}, received ${JSON.stringify(value) ?? String(value)}.`);
  }
  if (value > max) throw new RangeError(`${where}: ${name} must be at most ${max}, received ${value}.`);
  return value;
}
