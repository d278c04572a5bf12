import type { MechanicalSystem } from './system';

/**
 * The graph a field or network system lives on, in the form a graph network consumes: the
 * system's coordinates are `[nodes, nodeDof]` row-major (node i's coordinates at
 * `i·nodeDof … i·nodeDof + nodeDof − 1`), and its potential is a sum over `edges` (plus
 * `boundaryEdges`, edges to a clamped node held at 0).
 */
export interface SystemGraph {
  /** n, the nodes. */
  readonly nodes: number;
  /** Coordinates per node: 1 for a scalar field φ, 2 for a point in the plane (x, y). */
  readonly nodeDof: number;
  /** `[nodes, 2]`: where each node sits (grid point, or rest position of a mesh node). */
  readonly positions: Float64Array;
  /** `[E, 2]`: each undirected edge between two nodes once, smaller index first, sorted. */
  readonly edges: Int32Array;
  /** Per node, its neighbours along `edges` (for grids: left, right, up, down; for meshes: counter-clockwise). */
  readonly neighbours: readonly (readonly number[])[];
  /**
   * One entry per edge from a node to the clamped boundary (a ghost node held at φ = 0): the node's
   * index (a grid corner appears twice). Empty when nothing is clamped.
   */
  readonly boundaryEdges: Int32Array;
  /** `[nodes]`: 1 where a node is pinned (held at its position, zero velocity and acceleration), else 0. */
  readonly pinned: Uint8Array;
}

/**
 * A mechanical system on a graph: a {@link MechanicalSystem} whose `dof = nodes · nodeDof`
 * coordinates are per-node values, whose acceleration depends on positions only (`q̈ = a(q)`,
 * so Störmer–Verlet applies) and is computed sparsely in O(nodes + edges).
 */
export interface GraphSystem extends MechanicalSystem {
  /** The graph (built on first access for large grids). */
  readonly graph: SystemGraph;
  /**
   * Where the system knows it: the Störmer–Verlet step beyond which the rollout is unstable
   * (`2/ω_max` for a linear system). `verletRollout` refuses larger steps.
   */
  readonly maxStableStep?: number;
}
