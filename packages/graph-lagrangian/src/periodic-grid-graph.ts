import { checkInteger, MAX_GRAPH_NODES, type Graph } from './graph';

/**
 * A 2D periodic grid (a torus) of rows × cols nodes, node (r, c) at index r·cols + c; term
 * (r, c) sees its 4-neighbourhood in the order (self, left, right, up, down). H_vv couples nodes
 * up to two steps apart (13 per row): general sparse, solved by preconditioned conjugate gradient.
 *
 * @example
 * import { periodicGridGraph } from '@lnn/graph-lagrangian';
 * const graph = periodicGridGraph(32, 32);
 * console.log(graph.nodes, graph.neighbourhoodSize, graph.structure); // 1024 5 sparse: each term sees a node and its 4 neighbours
 */
export function periodicGridGraph(rows: number, cols: number): Graph {
  checkInteger('periodicGridGraph', 'rows', rows, 3);
  checkInteger('periodicGridGraph', 'cols', cols, 3);
  const n = rows * cols;
  if (n > MAX_GRAPH_NODES) throw new RangeError(`periodicGridGraph: rows × cols must be at most ${MAX_GRAPH_NODES} nodes, received ${rows} × ${cols} = ${n}.`);
  const neighbourhood = new Int32Array(5 * n);
  const at = (r: number, c: number) => ((r + rows) % rows) * cols + ((c + cols) % cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) neighbourhood.set([at(r, c), at(r, c - 1), at(r, c + 1), at(r - 1, c), at(r + 1, c)], 5 * at(r, c));
  }
  return { config: { kind: 'periodic-grid', rows, cols }, nodes: n, terms: n, neighbourhoodSize: 5, neighbourhood, structure: 'sparse' };
}
