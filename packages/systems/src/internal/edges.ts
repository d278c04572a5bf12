/**
 * The undirected edges among `pairs` (`[2P]`, node index pairs in any order, repeats allowed):
 * each once as (smaller, larger), sorted by first then second node — `[E, 2]`.
 */
export function edgeList(pairs: ArrayLike<number>, nodes: number): Int32Array {
  const keys = new Float64Array(pairs.length / 2);
  for (let p = 0; p < keys.length; p++) {
    const [a, b] = [pairs[2 * p] as number, pairs[2 * p + 1] as number];
    keys[p] = Math.min(a, b) * nodes + Math.max(a, b);
  }
  keys.sort();
  const edges: number[] = [];
  for (let p = 0; p < keys.length; p++) {
    const key = keys[p] as number;
    if (p > 0 && key === keys[p - 1]) continue;
    edges.push(Math.floor(key / nodes), key % nodes);
  }
  return Int32Array.from(edges);
}
