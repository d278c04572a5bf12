import type { Graph } from './graph';

/**
 * A general graph from neighbour lists: node i's term sees (i, ...neighbours[i]), in the order
 * given. Terms are padded to the largest degree by repeating node i itself, so a missing
 * neighbour looks like one with the node's own φ and φ̇ (no difference across that "edge").
 * H_vv is general sparse, solved by preconditioned conjugate gradient.
 *
 * @example
 * import { neighbourGraph } from '@lnn/graph-lagrangian';
 * const triangle = neighbourGraph([[1, 2], [0, 2], [0, 1]]);
 * console.log(triangle.neighbourhood, triangle.structure); // [0, 1, 2, 1, 0, 2, 2, 0, 1] sparse: node i's term sees (i, …its neighbours)
 */
export function neighbourGraph(neighbours: readonly (readonly number[])[]): Graph {
  const where = 'neighbourGraph';
  if (!Array.isArray(neighbours) || neighbours.length === 0) {
    throw new TypeError(`${where}: neighbours must be a non-empty array with one array of node indices per node, received ${JSON.stringify(neighbours) ?? String(neighbours)}.`);
  }
  const n = neighbours.length;
  neighbours.forEach((list, i) => {
    if (!Array.isArray(list) || !list.every((j) => Number.isInteger(j) && j >= 0 && j < n)) {
      throw new TypeError(`${where}: neighbours[${i}] must be an array of node indices in [0, ${n}), received ${JSON.stringify(list) ?? String(list)}.`);
    }
  });
  const k = 1 + neighbours.reduce((m, l) => Math.max(m, l.length), 0);
  const neighbourhood = new Int32Array(n * k);
  neighbours.forEach((list, i) => {
    neighbourhood.fill(i, i * k, (i + 1) * k);
    neighbourhood.set(list, i * k + 1);
  });
  const config = { kind: 'neighbour-lists' as const, neighbours: neighbours.map((l) => [...l]) };
  return { config, nodes: n, terms: n, neighbourhoodSize: k, neighbourhood, structure: 'sparse' };
}
