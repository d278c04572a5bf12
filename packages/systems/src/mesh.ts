import { edgeList } from './internal/edges';

/** A triangle mesh in the plane, with the adjacency a graph network needs. */
export interface Mesh {
  /** What made it, e.g. `'triangulated-disc'`. */
  readonly name: string;
  /** The generator's parameters (seed included), for the record. */
  readonly parameters: Readonly<Record<string, number>>;
  /** n, the nodes. */
  readonly nodes: number;
  /** `[n, 2]`: node positions. */
  readonly positions: Float64Array;
  /** `[F, 3]`: triangles, counter-clockwise. */
  readonly triangles: Int32Array;
  /** `[E, 2]`: each edge once, smaller index first, sorted. */
  readonly edges: Int32Array;
  /** Per node, its neighbours in counter-clockwise order around it. */
  readonly neighbours: readonly (readonly number[])[];
  /** `[n]`: 1 on nodes of the boundary (nodes on an edge of only one triangle), else 0. */
  readonly boundary: Uint8Array;
}

/**
 * A mesh from node positions and counter-clockwise triangles: derives the edges, the neighbour lists
 * (counter-clockwise by angle around each node) and the boundary, and checks that the triangles
 * form a proper triangulation of a surface: indices in range, every triangle of positive area,
 * every edge in one or two triangles, and two triangles sharing an edge on opposite sides of it.
 *
 * @param positions - `[n, 2]` node positions.
 * @param triangles - `[F, 3]` node indices, counter-clockwise.
 * @example
 * const square = meshFromTriangles('square', [0, 0, 1, 0, 1, 1, 0, 1], [0, 1, 2, 0, 2, 3]);
 */
export function meshFromTriangles(name: string, positions: ArrayLike<number>, triangles: ArrayLike<number>, parameters: Readonly<Record<string, number>> = {}): Mesh {
  const where = 'meshFromTriangles';
  if (positions.length % 2 !== 0 || positions.length === 0) throw new RangeError(`${where}: positions must hold [n, 2] numbers (n ≥ 1), received ${positions.length} numbers.`);
  if (triangles.length % 3 !== 0) throw new RangeError(`${where}: triangles must hold [F, 3] node indices, received ${triangles.length} numbers.`);
  const n = positions.length / 2;
  const xy = Float64Array.from(positions);
  if (!xy.every(Number.isFinite)) throw new RangeError(`${where}: positions must be finite numbers.`);
  const tri = Int32Array.from(triangles);
  tri.forEach((j, t) => {
    if (!Number.isInteger(triangles[t]) || j < 0 || j >= n) throw new RangeError(`${where}: triangles[${t}] must be a node index in [0, ${n}), received ${String(triangles[t])}.`);
  });
  // Directed half-edges: each may occur once (else triangles overlap or are inverted next to each other).
  const halfEdges = new Set<number>();
  for (let f = 0; f < tri.length / 3; f++) {
    const [a, b, c] = [tri[3 * f] as number, tri[3 * f + 1] as number, tri[3 * f + 2] as number];
    const area = (xy[2 * b]! - xy[2 * a]!) * (xy[2 * c + 1]! - xy[2 * a + 1]!) - (xy[2 * c]! - xy[2 * a]!) * (xy[2 * b + 1]! - xy[2 * a + 1]!);
    if (!(area > 0)) throw new RangeError(`${where}: triangle ${f} (${a}, ${b}, ${c}) has ${area === 0 ? 'zero area' : 'clockwise orientation (negative area)'}; triangles must be counter-clockwise and non-degenerate.`);
    for (const [i, j] of [[a, b], [b, c], [c, a]] as const) {
      if (halfEdges.has(i * n + j)) throw new RangeError(`${where}: edge ${i}→${j} is on the same side of two triangles (overlapping triangles).`);
      halfEdges.add(i * n + j);
    }
  }
  const pairs: number[] = [];
  for (let f = 0; f < tri.length / 3; f++) for (let a = 0; a < 3; a++) pairs.push(tri[3 * f + a] as number, tri[3 * f + ((a + 1) % 3)] as number);
  const edges = edgeList(pairs, n);
  const boundary = new Uint8Array(n);
  const around: number[][] = Array.from({ length: n }, () => []);
  for (let e = 0; e < edges.length / 2; e++) {
    const [i, j] = [edges[2 * e] as number, edges[2 * e + 1] as number];
    around[i]!.push(j);
    around[j]!.push(i);
    if (!halfEdges.has(i * n + j) || !halfEdges.has(j * n + i)) boundary[i] = boundary[j] = 1;
  }
  const neighbours = around.map((list, i) => {
    const angle = (j: number) => Math.atan2(xy[2 * j + 1]! - xy[2 * i + 1]!, xy[2 * j]! - xy[2 * i]!);
    return list.sort((p, q) => angle(p) - angle(q));
  });
  return { name, parameters, nodes: n, positions: xy, triangles: tri, edges, neighbours, boundary };
}
