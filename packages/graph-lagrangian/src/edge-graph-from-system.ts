import { edgeGraph, type EdgeGraph } from './edge-graph';

/** The part of `@lnn/systems`' `SystemGraph` an edge graph is built from (structural: no dependency). */
export interface SystemGraphLike {
  readonly nodes: number;
  readonly nodeDof: number;
  /** `[E·2]`. */
  readonly edges: Int32Array;
  /** One entry per edge to a clamped ghost node: the node's index. */
  readonly boundaryEdges: Int32Array;
  /** `[nodes]`: 1 on pinned nodes. */
  readonly pinned: Uint8Array;
}

/**
 * The edge graph of a ground-truth system's graph (`wave2d(…).graph`, `springNetwork(…).graph`):
 * its edges, then one ghost edge (i, −1) per boundary edge (a clamped neighbour held at 0), its
 * coordinates per node and its pinned nodes; `edgeFeatures` per edge in that order (a spring
 * network's `restLengths`).
 *
 * @example
 * import { edgeGraphFromSystem } from '@lnn/graph-lagrangian';
 * import { springNetwork, triangulatedDisc, wave2d } from '@lnn/systems';
 * const membrane = edgeGraphFromSystem(wave2d({ nx: 8, ny: 8, boundary: 'clamped' }).graph);
 * const net = springNetwork(triangulatedDisc({ rings: 4, seed: 1 }), { pinned: 'boundary' });
 * const springs = edgeGraphFromSystem(net.graph, { edgeFeatures: net.restLengths });
 * console.log(membrane.edges.length / 2, springs.dof, springs.featureWidth); // 144 128 1
 */
export function edgeGraphFromSystem(graph: SystemGraphLike, options: { readonly edgeFeatures?: ArrayLike<number>; readonly featureWidth?: number } = {}): EdgeGraph {
  const where = 'edgeGraphFromSystem';
  if (graph == null || !(graph.edges instanceof Int32Array) || !(graph.boundaryEdges instanceof Int32Array) || !(graph.pinned instanceof Uint8Array)) {
    throw new TypeError(`${where}: graph must be a SystemGraph of @lnn/systems (system.graph: nodes, nodeDof, edges, boundaryEdges, pinned), received ${String(graph)}.`);
  }
  const edges = new Int32Array(graph.edges.length + 2 * graph.boundaryEdges.length);
  edges.set(graph.edges);
  graph.boundaryEdges.forEach((i, b) => edges.set([i, -1], graph.edges.length + 2 * b));
  const pinned = Array.from(graph.pinned.keys()).filter((i) => graph.pinned[i] === 1);
  return edgeGraph({ nodes: graph.nodes, edges, components: graph.nodeDof, pinned, ...options });
}
