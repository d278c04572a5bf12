import { checkInteger, type Graph } from './graph';

/**
 * A 1D periodic grid of n nodes (a ring): term i sees nodes (i − 1, i, i + 1) mod n, the paper's
 * wave-equation graph. Its H_vv is cyclic banded with bandwidth 2 (two terms overlap on nodes
 * up to two apart), solved in O(n).
 *
 * @example
 * import { ringGraph } from '@lnn/graph-lagrangian';
 * const graph = ringGraph(100);
 * console.log(graph.terms, graph.neighbourhood.subarray(0, 3)); // 100 [99, 0, 1]: term 0 sees nodes 99, 0, 1
 */
export function ringGraph(n: number): Graph {
  checkInteger('ringGraph', 'n (nodes)', n, 3);
  const neighbourhood = new Int32Array(3 * n);
  for (let i = 0; i < n; i++) neighbourhood.set([(i + n - 1) % n, i, (i + 1) % n], 3 * i);
  return { config: { kind: 'ring', n }, nodes: n, terms: n, neighbourhoodSize: 3, neighbourhood, structure: 'periodic-banded' };
}
