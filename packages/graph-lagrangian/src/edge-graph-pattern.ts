import type { EdgeGraph } from './edge-graph';
import { edgeOperators } from './internal/edge-operators';
import type { SparsePattern } from './sparse-pattern';

/**
 * Where H_vv of an edge graph can be non-zero, as compressed rows over its n·d coordinates: each
 * coordinate coupled with every coordinate of its node and of the nodes joined to it by an edge
 * (ghost ends add nothing). On the 5-point grid: 5 entries a row.
 *
 * @example
 * import { edgeGraphPattern, gridEdgeGraph } from '@lnn/graph-lagrangian';
 * const pattern = edgeGraphPattern(gridEdgeGraph(10, 10));
 * console.log(pattern.n, pattern.nnz); // 100 500
 */
export function edgeGraphPattern(graph: EdgeGraph): SparsePattern {
  return edgeOperators(graph).pattern;
}
