/**
 * The undirected edges among `pairs` (`[2P]`, node index pairs in any order, repeats allowed):
 * each once as (smaller, larger), sorted by first then second node — `[E, 2]`.
 */
export function edgeList(pairs: ArrayLike<number>, nodes: number): Int32Array {
  const keys = new Float64Array(pairs.length / 2);
  for (let p = 0; p < keys.length; p++) {
    const a = pairs[2 * p] as number;
    const b = pairs[2 * p + 1] as number;
    keys[p] = a < b ? a * nodes + b : b * nodes + a;
  }
  keys.sort();
  let count = 0;
  for (let p = 0; p < keys.length; p++) if (p === 0 || keys[p] !== keys[p - 1]) count++;
  const edges = new Int32Array(2 * count);
  for (let p = 0, e = 0; p < keys.length; p++) {
    const key = keys[p] as number;
    if (p > 0 && key === keys[p - 1]) continue;
    edges[2 * e] = Math.floor(key / nodes);
    edges[2 * e + 1] = key % nodes;
    e++;
  }
  return edges;
}
