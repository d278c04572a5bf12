/**
 * Reverse Cuthill–McKee: an ordering of a graph's nodes (compressed adjacency rows, `start`
 * `[n + 1]`, `list`) that keeps neighbours close — breadth-first from a node of least degree,
 * each node's unvisited neighbours by increasing degree, every component in turn, then reversed.
 * Returns the order (`order[new] = old`) and the bandwidth p before and after: the largest
 * |position(i) − position(j)| over the edges.
 */
export function reverseCuthillMcKee(start: Int32Array, list: Int32Array): { order: Int32Array; before: number; after: number } {
  const n = start.length - 1;
  const degree = (i: number) => start[i + 1]! - start[i]!;
  const seen = new Uint8Array(n);
  const order = new Int32Array(n);
  let head = 0;
  let tail = 0;
  // Nodes by increasing degree: the starts of the components' searches.
  const byDegree = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => degree(a) - degree(b));
  for (const root of byDegree) {
    if (seen[root]) continue;
    seen[root] = 1;
    order[tail++] = root;
    while (head < tail) {
      const i = order[head++]!;
      const next: number[] = [];
      for (let x = start[i]!; x < start[i + 1]!; x++) if (!seen[list[x]!]) next.push(list[x]!);
      next.sort((a, b) => degree(a) - degree(b));
      for (const j of next) {
        seen[j] = 1;
        order[tail++] = j;
      }
    }
  }
  order.reverse();
  const position = new Int32Array(n);
  order.forEach((old, at) => (position[old] = at));
  let [before, after] = [0, 0];
  for (let i = 0; i < n; i++) {
    for (let x = start[i]!; x < start[i + 1]!; x++) {
      const j = list[x]!;
      before = Math.max(before, Math.abs(i - j));
      after = Math.max(after, Math.abs(position[i]! - position[j]!));
    }
  }
  return { order, before, after };
}
