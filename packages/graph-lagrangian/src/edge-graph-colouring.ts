import { colourColumns, isValidColouring, type ColumnColouring } from './colour-columns';
import type { EdgeGraph } from './edge-graph';
import { edgeGraphPattern } from './edge-graph-pattern';

/**
 * A column colouring of an edge graph's H_vv for {@link colouredHessian}: on a 5-point grid
 * (`gridEdgeGraph`) the lattice colouring `(c + 2r) mod 5` — 5 probes, the minimum, since a row
 * holds a node and its 4 neighbours, which pairwise share that row — wherever it is valid (always
 * when clamped; on a torus when 5 divides rows and cols); else (or where greedy needs fewer, as on a
 * single row) the greedy {@link colourColumns}.
 * Why (c + 2r) mod 5 works: the nodes sharing a row with (r, c) lie within grid distance 2, at
 * offsets (0, ±1), (±1, 0), (0, ±2), (±2, 0), (±1, ±1), whose colour differences ±1, ±2, ±2, ±4,
 * ±1 ± 2 are never 0 mod 5.
 *
 * @example
 * import { edgeGraphColouring, gridEdgeGraph } from '@lnn/graph-lagrangian';
 * console.log(edgeGraphColouring(gridEdgeGraph(10, 10)).count, edgeGraphColouring(gridEdgeGraph(7, 6, { boundary: 'clamped' })).count); // 5 5
 */
export function edgeGraphColouring(graph: EdgeGraph): ColumnColouring {
  const pattern = edgeGraphPattern(graph);
  const { config } = graph;
  const greedy = colourColumns(pattern);
  if (config.kind === 'grid-edges') {
    const colours = new Int32Array(pattern.n);
    for (let r = 0; r < config.rows; r++) for (let c = 0; c < config.cols; c++) colours[r * config.cols + c] = (c + 2 * r) % 5;
    const count = colours.reduce((m, c) => Math.max(m, c + 1), 0);
    if (count < greedy.count && isValidColouring(pattern, colours)) return { colours, count };
  }
  return greedy;
}
