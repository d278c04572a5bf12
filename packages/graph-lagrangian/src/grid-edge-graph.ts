import { buildEdgeGraph, type EdgeGraph } from './edge-graph';
import { checkInteger, MAX_GRAPH_NODES } from './graph';

/**
 * The 5-point stencil as node and edge terms: a rows × cols grid, node (r, c) at index r·cols + c
 * (as `wave2d` of @lnn/systems, rows = ny, cols = nx), one edge to the right and one down per node.
 * `'periodic'`: a torus (rows, cols ≥ 3, 2n edges). `'clamped'`: the grid is surrounded by ghost
 * nodes held at 0, and each boundary node keeps its edge to them (second end −1) — a clamped edge,
 * not a free one. H_vv of node terms plus edge terms has the 5-point pattern.
 *
 * @example
 * import { gridEdgeGraph } from '@lnn/graph-lagrangian';
 * const torus = gridEdgeGraph(8, 8, { boundary: 'periodic' });
 * const clamped = gridEdgeGraph(8, 8, { boundary: 'clamped' });
 * console.log(torus.edges.length / 2, clamped.edges.length / 2); // 128 144: 2·64, and 2·8·7 inner + 4·8 to the ghosts
 */
export function gridEdgeGraph(rows: number, cols: number, options: { readonly boundary?: 'periodic' | 'clamped' } = {}): EdgeGraph {
  const where = 'gridEdgeGraph';
  const boundary = options?.boundary ?? 'periodic';
  if (boundary !== 'periodic' && boundary !== 'clamped') throw new TypeError(`${where}: options.boundary must be 'periodic' or 'clamped', received ${JSON.stringify(boundary)}.`);
  const least = boundary === 'periodic' ? 3 : 1;
  checkInteger(where, 'rows', rows, least);
  checkInteger(where, 'cols', cols, least);
  const n = rows * cols;
  if (n > MAX_GRAPH_NODES) throw new RangeError(`${where}: rows × cols must be at most ${MAX_GRAPH_NODES} nodes, received ${rows} × ${cols} = ${n}.`);
  const edges = new Int32Array(boundary === 'periodic' ? 4 * n : 2 * (2 * n + rows + cols));
  let e = 0;
  const push = (i: number, j: number) => {
    edges[e++] = i;
    edges[e++] = j;
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      if (boundary === 'periodic') {
        push(i, r * cols + ((c + 1) % cols));
        push(i, ((r + 1) % rows) * cols + c);
        continue;
      }
      push(i, c + 1 < cols ? i + 1 : -1);
      push(i, r + 1 < rows ? i + cols : -1);
      if (c === 0) push(i, -1);
      if (r === 0) push(i, -1);
    }
  }
  return buildEdgeGraph({ nodes: n, edges }, { kind: 'grid-edges', rows, cols, boundary });
}
