import { checkInteger, MAX_GRAPH_NODES } from './graph';

/** The JSON-able description of an {@link EdgeGraph} (saved with a model). */
export type EdgeGraphConfig =
  | {
      readonly kind: 'edges';
      readonly nodes: number;
      /** `[E·2]` flat pairs (i, j); j = −1 is a ghost node held at 0 (a clamped neighbour). */
      readonly edges: readonly number[];
      /** Coordinates per node. @default 1 */
      readonly components?: number;
      /** Nodes held fixed (zero acceleration; their velocities must be 0). @default [] */
      readonly pinned?: readonly number[];
      /** `[E·featureWidth]` constant per-edge inputs of the edge density (e.g. rest lengths). @default [] */
      readonly edgeFeatures?: readonly number[];
      /** Features per edge. @default 0 */
      readonly featureWidth?: number;
    }
  | { readonly kind: 'grid-edges'; readonly rows: number; readonly cols: number; readonly boundary: 'periodic' | 'clamped' };

/**
 * A graph of node terms and edge terms: `L = Σ_nodes g(xᵢ, vᵢ) + Σ_edges f(xᵢ, xⱼ, vᵢ, vⱼ, featuresᵢⱼ)`,
 * each node carrying `components` coordinates (q = [x₀ components, x₁ components, …], node-major).
 * An edge whose second end is −1 joins its node to a ghost node held at x = v = 0 (a clamped
 * boundary). Pinned nodes keep their rows in the state but do not move.
 */
export interface EdgeGraph {
  readonly config: EdgeGraphConfig;
  /** n, the nodes. */
  readonly nodes: number;
  /** d, coordinates per node. */
  readonly components: number;
  /** n·d, the model's coordinates. */
  readonly dof: number;
  /** `[E·2]`: the edges (second end −1 for a ghost). */
  readonly edges: Int32Array;
  /** `[E·featureWidth]` constant per-edge inputs. */
  readonly features: Float32Array;
  readonly featureWidth: number;
  /** `[n]`: 1 on pinned nodes. */
  readonly pinned: Uint8Array;
}

/** Options of {@link edgeGraph}. */
export interface EdgeGraphOptions {
  readonly nodes: number;
  /** `[E·2]` node pairs (a Mesh's `edges`); a second end of −1 is a ghost node held at 0. */
  readonly edges: ArrayLike<number>;
  /** Coordinates per node (2 for points in the plane). @default 1 */
  readonly components?: number;
  /** Nodes held fixed. @default [] */
  readonly pinned?: ArrayLike<number>;
  /** `[E·featureWidth]` constant per-edge inputs (e.g. a spring network's rest lengths). @default none */
  readonly edgeFeatures?: ArrayLike<number>;
  /** Features per edge. @default 1 when edgeFeatures is given, else 0 */
  readonly featureWidth?: number;
}

/**
 * A graph of node and edge terms from an edge list (`mesh.edges`), with d coordinates per node,
 * ghost ends (−1: a clamped neighbour held at 0, not the node itself), pinned nodes and constant
 * per-edge features. H_vv couples the coordinates of nodes joined by an edge: compressed rows,
 * solved by Jacobi-preconditioned conjugate gradients.
 *
 * @example
 * import { edgeGraph } from '@lnn/graph-lagrangian';
 * // a triangle of points in the plane, springs with rest length 1 along its edges
 * const graph = edgeGraph({ nodes: 3, edges: [0, 1, 0, 2, 1, 2], components: 2, edgeFeatures: [1, 1, 1] });
 * console.log(graph.dof, graph.edges.length / 2, graph.featureWidth); // 6 3 1
 */
export function edgeGraph(options: EdgeGraphOptions): EdgeGraph {
  return buildEdgeGraph(options);
}

/** {@link edgeGraph}, with another config to report (a grid's compact one). */
export function buildEdgeGraph(options: EdgeGraphOptions, compact?: EdgeGraphConfig): EdgeGraph {
  const where = 'edgeGraph';
  if (options == null || typeof options !== 'object') throw new TypeError(`${where}: options must be { nodes, edges, components?, pinned?, edgeFeatures?, featureWidth? }, received ${String(options)}.`);
  const n = checkInteger(where, 'options.nodes', options.nodes, 1);
  const d = checkInteger(where, 'options.components', options.components ?? 1, 1, 3);
  if (n * d > MAX_GRAPH_NODES) throw new RangeError(`${where}: nodes × components must be at most ${MAX_GRAPH_NODES}, received ${n} × ${d}.`);
  const list = options.edges;
  if (list == null || typeof list.length !== 'number' || list.length % 2 !== 0) {
    throw new TypeError(`${where}: options.edges must be [E·2] node pairs (e.g. mesh.edges), received ${list == null ? String(list) : `${String(list.length)} numbers`}.`);
  }
  const edges = Int32Array.from(list);
  for (let x = 0; x < edges.length; x++) {
    const i = list[x];
    const ghostAllowed = x % 2 === 1;
    if (!Number.isInteger(i) || (i as number) >= n || (i as number) < (ghostAllowed ? -1 : 0)) {
      throw new RangeError(`${where}: options.edges[${x}] must be a node index in [0, ${n})${ghostAllowed ? ' or −1 (a ghost node held at 0)' : ' (ghosts go second)'}, received ${String(i)}.`);
    }
    if (ghostAllowed && i === list[x - 1]) throw new RangeError(`${where}: edge ${(x - 1) / 2} joins node ${String(i)} to itself.`);
  }
  const count = edges.length / 2;
  const givenFeatures = options.edgeFeatures;
  const f = checkInteger(where, 'options.featureWidth', options.featureWidth ?? (givenFeatures === undefined ? 0 : 1), 0, 64);
  const features = Float32Array.from(givenFeatures ?? []);
  if (features.length !== count * f || !features.every(Number.isFinite)) {
    throw new RangeError(`${where}: options.edgeFeatures must hold ${f} finite number(s) per edge (${count * f} in all), received ${features.length}${features.every(Number.isFinite) ? '' : ', not all finite'}.`);
  }
  const pinned = new Uint8Array(n);
  for (const i of Array.from(options.pinned ?? [])) {
    if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`${where}: options.pinned must hold node indices in [0, ${n}), received ${String(i)}.`);
    pinned[i] = 1;
  }
  let config: EdgeGraphConfig | undefined;
  return {
    // Built on first read: at a million nodes the JSON-able copy is tens of MB.
    get config() {
      return (config ??= compact ?? {
        kind: 'edges',
        nodes: n,
        edges: Array.from(edges),
        components: d,
        pinned: Array.from(pinned.keys()).filter((i) => pinned[i] === 1),
        edgeFeatures: Array.from(features),
        featureWidth: f,
      });
    },
    nodes: n,
    components: d,
    dof: n * d,
    edges,
    features,
    featureWidth: f,
    pinned,
  };
}
