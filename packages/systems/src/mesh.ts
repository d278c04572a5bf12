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
 * import { meshFromTriangles } from '@lnn/systems';
 * const square = meshFromTriangles('square', [0, 0, 1, 0, 1, 1, 0, 1], [0, 1, 2, 0, 2, 3]);
 * console.log(square.edges.length / 2, square.neighbours, square.boundary); // 5 [[1, 2, 3], [2, 0], [0, 1, 3], [0, 2]] [1, 1, 1, 1]
 */
export function meshFromTriangles(name: string, positions: ArrayLike<number>, triangles: ArrayLike<number>, parameters: Readonly<Record<string, number>> = {}): Mesh {
  const where = 'meshFromTriangles';
  if (positions.length % 2 !== 0 || positions.length === 0) throw new RangeError(`${where}: positions must hold [n, 2] numbers (n ≥ 1), received ${positions.length} numbers.`);
  if (triangles.length % 3 !== 0) throw new RangeError(`${where}: triangles must hold [F, 3] node indices, received ${triangles.length} numbers.`);
  const n = positions.length / 2;
  const xy = Float64Array.from(positions);
  if (!xy.every(Number.isFinite)) throw new RangeError(`${where}: positions must be finite numbers.`);
  const tri = Int32Array.from(triangles);
  for (let t = 0; t < tri.length; t++) {
    const j = triangles[t] as number;
    if (!Number.isInteger(j) || j < 0 || j >= n) throw new RangeError(`${where}: triangles[${t}] must be a node index in [0, ${n}), received ${String(j)}.`);
  }
  for (let f = 0; f < tri.length / 3; f++) {
    const a = tri[3 * f] as number;
    const b = tri[3 * f + 1] as number;
    const c = tri[3 * f + 2] as number;
    const area = (xy[2 * b]! - xy[2 * a]!) * (xy[2 * c + 1]! - xy[2 * a + 1]!) - (xy[2 * c]! - xy[2 * a]!) * (xy[2 * b + 1]! - xy[2 * a + 1]!);
    if (!(area > 0)) throw new RangeError(`${where}: triangle ${f} (${a}, ${b}, ${c}) has ${area === 0 ? 'zero area' : 'clockwise orientation (negative area)'}; triangles must be counter-clockwise and non-degenerate.`);
  }
  // Directed half-edges i→j (key i·n + j), sorted: each may occur once (else two triangles overlap);
  // an undirected edge with only one of its two half-edges is on the boundary.
  const halfEdges = new Float64Array(tri.length);
  for (let f = 0; f < tri.length / 3; f++) for (let a = 0; a < 3; a++) halfEdges[3 * f + a] = (tri[3 * f + a] as number) * n + (tri[3 * f + ((a + 1) % 3)] as number);
  halfEdges.sort();
  for (let h = 1; h < halfEdges.length; h++) {
    if (halfEdges[h] === halfEdges[h - 1]) {
      const key = halfEdges[h] as number;
      throw new RangeError(`${where}: edge ${Math.floor(key / n)}→${key % n} is on the same side of two triangles (overlapping triangles).`);
    }
  }
  const has = (key: number) => {
    let lo = 0;
    let hi = halfEdges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((halfEdges[mid] as number) < key) lo = mid + 1;
      else hi = mid;
    }
    return halfEdges[lo] === key;
  };
  const pairs = new Int32Array(2 * halfEdges.length);
  for (let h = 0; h < halfEdges.length; h++) {
    const key = halfEdges[h] as number;
    pairs[2 * h] = Math.floor(key / n);
    pairs[2 * h + 1] = key % n;
  }
  const edges = edgeList(pairs, n);
  const E = edges.length / 2;
  // Neighbours in compressed rows (offsets by degree), then each row sorted by angle.
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < 2 * E; e++) offsets[(edges[e] as number) + 1]! += 1;
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i] as number;
  const fill = offsets.slice(0, n);
  const row = new Int32Array(2 * E);
  const boundary = new Uint8Array(n);
  for (let e = 0; e < E; e++) {
    const i = edges[2 * e] as number;
    const j = edges[2 * e + 1] as number;
    row[fill[i]!++] = j;
    row[fill[j]!++] = i;
    if (!has(i * n + j) || !has(j * n + i)) boundary[i] = boundary[j] = 1;
  }
  const angle = new Float64Array(2 * E);
  const neighbours: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const [start, end] = [offsets[i] as number, offsets[i + 1] as number];
    for (let k = start; k < end; k++) {
      const j = row[k] as number;
      angle[k] = Math.atan2(xy[2 * j + 1]! - xy[2 * i + 1]!, xy[2 * j]! - xy[2 * i]!);
    }
    // Insertion sort of the (short) row by angle: counter-clockwise around node i.
    for (let k = start + 1; k < end; k++) {
      const [a, j] = [angle[k] as number, row[k] as number];
      let m = k - 1;
      for (; m >= start && (angle[m] as number) > a; m--) {
        angle[m + 1] = angle[m] as number;
        row[m + 1] = row[m] as number;
      }
      angle[m + 1] = a;
      row[m + 1] = j;
    }
    const list = new Array<number>(end - start);
    for (let k = start; k < end; k++) list[k - start] = row[k] as number;
    neighbours[i] = list;
  }
  return { name, parameters, nodes: n, positions: xy, triangles: tri, edges, neighbours, boundary };
}
