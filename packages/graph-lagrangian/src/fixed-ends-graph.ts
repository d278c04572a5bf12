import { checkInteger, type Graph } from './graph';

/**
 * A 1D grid of n free nodes between two fixed ends: ghost nodes −1 and n held at φ = φ̇ = 0 (a
 * string clamped at both ends). Terms sit at nodes −1 … n (n + 2 terms), each seeing
 * (i − 1, i, i + 1), so every edge, the two clamped ones included, is seen by a term. H_vv is
 * banded with bandwidth 2, solved in O(n).
 *
 * @example
 * import { fixedEndsGraph } from '@lnn/graph-lagrangian';
 * const graph = fixedEndsGraph(50);
 * console.log(graph.terms, graph.structure); // 52 banded: terms at the two clamped ends too
 */
export function fixedEndsGraph(n: number): Graph {
  checkInteger('fixedEndsGraph', 'n (free nodes)', n, 1);
  const terms = n + 2;
  const neighbourhood = new Int32Array(3 * terms);
  const node = (j: number) => (j >= 0 && j < n ? j : -1);
  for (let t = 0; t < terms; t++) neighbourhood.set([node(t - 2), node(t - 1), node(t)], 3 * t);
  return { config: { kind: 'fixed-ends', n }, nodes: n, terms, neighbourhoodSize: 3, neighbourhood, structure: 'banded' };
}
