import { finiteSeed, integerAtLeast, positive } from './internal/check';
import { meshFromTriangles, type Mesh } from './mesh';
import { createRandom } from './random';

/** Options of {@link triangulatedDisc}. */
export interface TriangulatedDiscOptions {
  /** Rings around the centre node. @default 4 */
  readonly rings?: number;
  /** Radius of the outer ring. @default rings (ring spacing 1, so every disc has edges of length ≈ 1) */
  readonly radius?: number;
  /**
   * Random displacement of the nodes, as a fraction of the ring spacing: interior nodes move
   * up to `jitter/2` spacings in any direction, boundary nodes along the circle only. In [0, 0.5].
   * @default 0.2
   */
  readonly jitter?: number;
  /** Seed of the ring rotations and the jitter. @default 0 */
  readonly seed?: number;
}

/**
 * A triangulated disc of nodes with varying degree: a centre node, then rings r = 1 … R of
 * `round(2π r)` nodes (6, 13, 19, 25, 31, …; each ring rotated by a random angle), joined by a
 * proper triangulation — a fan around the centre, and between two rings the strip that walks both
 * rings by angle (each triangle takes one edge of either ring). Interior degrees vary between
 * about 5 and 7; V − E + F = 1.
 *
 * @example
 * import { triangulatedDisc } from '@lnn/systems';
 * const mesh = triangulatedDisc({ rings: 4, jitter: 0.2, seed: 1 }); // radius 4
 * console.log(mesh.nodes, mesh.edges.length / 2, mesh.triangles.length / 3); // 64 164 101: 1 + 6 + 13 + 19 + 25 nodes, V − E + F = 1
 */
export function triangulatedDisc(options: TriangulatedDiscOptions = {}): Mesh {
  const where = 'triangulatedDisc';
  const rings = integerAtLeast(where, 'rings', options.rings ?? 4, 1);
  if (rings > 1000) throw new RangeError(`${where}: rings must be at most 1000 (about 3 million nodes), received ${rings}.`);
  const radius = positive(where, 'radius', options.radius ?? rings);
  const jitter = positive(where, 'jitter', options.jitter ?? 0.2, true);
  if (jitter > 0.5) throw new RangeError(`${where}: jitter must be in [0, 0.5] (a fraction of the ring spacing), received ${jitter}.`);
  const seed = finiteSeed(where, 'seed', options.seed ?? 0);
  const rng = createRandom(seed);
  const spacing = radius / rings;
  const counts = [1, ...Array.from({ length: rings }, (_, r) => Math.round(2 * Math.PI * (r + 1)))];
  const starts = counts.map((_, r) => counts.slice(0, r).reduce((a, b) => a + b, 0));
  const n = starts[rings]! + counts[rings]!;
  const positions = new Float64Array(2 * n);
  const angles: Float64Array[] = [Float64Array.of(0)];
  for (let r = 1; r <= rings; r++) {
    const count = counts[r]!;
    const rotation = rng.uniform(0, (2 * Math.PI) / count);
    angles.push(Float64Array.from({ length: count }, (_, j) => rotation + (2 * Math.PI * j) / count));
  }
  // Positions: on the rings, then jittered (interior: within a disc; boundary: along the circle).
  for (let r = 0; r <= rings; r++) {
    angles[r]!.forEach((theta, j) => {
      const rho = r * spacing;
      let phi = theta;
      let [dx, dy] = [0, 0];
      if (r === rings) {
        phi += (rng.uniform(-1, 1) * jitter * spacing) / 2 / rho;
      } else {
        const [len, dir] = [(Math.sqrt(rng.next()) * jitter * spacing) / 2, rng.uniform(0, 2 * Math.PI)];
        [dx, dy] = [len * Math.cos(dir), len * Math.sin(dir)];
      }
      positions[2 * (starts[r]! + j)] = rho * Math.cos(phi) + dx;
      positions[2 * (starts[r]! + j) + 1] = rho * Math.sin(phi) + dy;
    });
  }
  const triangles: number[] = [];
  for (let j = 0; j < counts[1]!; j++) triangles.push(0, starts[1]! + j, starts[1]! + ((j + 1) % counts[1]!));
  for (let r = 2; r <= rings; r++) ringStrip(angles[r - 1]!, angles[r]!, starts[r - 1]!, starts[r]!, triangles);
  return meshFromTriangles('triangulated-disc', positions, triangles, { rings, radius, jitter, seed });
}

/**
 * Triangulates the annulus between an inner and an outer ring of nodes (angles ascending within a
 * period): the a + b ring edges sorted by the angle of their midpoints, walked in turn; an inner
 * edge (i, i+1) makes the triangle (i, j, i+1), an outer edge (j, j+1) makes (i, j, j+1).
 */
function ringStrip(inner: Float64Array, outer: Float64Array, innerStart: number, outerStart: number, triangles: number[]): void {
  const [a, b] = [inner.length, outer.length];
  const tau = 2 * Math.PI;
  const mid = (angles: Float64Array, k: number) => {
    const next = k + 1 < angles.length ? angles[k + 1]! : angles[0]! + tau;
    return (((angles[k]! + next) / 2) % tau + tau) % tau;
  };
  const events = [
    ...Array.from({ length: a }, (_, k) => ({ inner: true, k, at: mid(inner, k) })),
    ...Array.from({ length: b }, (_, k) => ({ inner: false, k, at: mid(outer, k) })),
  ].sort((p, q) => p.at - q.at);
  // Start from the first edge of each ring in this order: the bridge (i, j) between their first nodes.
  let i = events.find((e) => e.inner)!.k;
  let j = events.find((e) => !e.inner)!.k;
  for (const event of events) {
    if (event.inner) {
      triangles.push(innerStart + i, outerStart + j, innerStart + ((i + 1) % a));
      i = (i + 1) % a;
    } else {
      triangles.push(innerStart + i, outerStart + j, outerStart + ((j + 1) % b));
      j = (j + 1) % b;
    }
  }
}
