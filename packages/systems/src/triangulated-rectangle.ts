import { finiteSeed, integerAtLeast, positive } from './internal/check';
import { meshFromTriangles, type Mesh } from './mesh';
import { createRandom } from './random';

/** Options of {@link triangulatedRectangle}. */
export interface TriangulatedRectangleOptions {
  /** Nodes along x. @default 10 */
  readonly nx?: number;
  /** Nodes along y. @default 6 */
  readonly ny?: number;
  /** Spacing of the underlying lattice. @default 1 */
  readonly spacing?: number;
  /**
   * Random displacement of the nodes, as a fraction of the spacing: interior nodes move up to
   * `jitter/2` spacings in any direction, side nodes along their side, corners not at all. In [0, 0.5].
   * @default 0.2
   */
  readonly jitter?: number;
  /** Seed of the diagonals and the jitter. @default 0 */
  readonly seed?: number;
}

/**
 * A triangulated rectangle of nx × ny nodes (node (ix, iy) at iy·nx + ix, near (ix h, iy h)):
 * each lattice cell cut into two triangles along a randomly chosen diagonal, so interior degrees
 * vary from 4 to 8; V − E + F = 1. A differently shaped mesh to transfer a model learned on
 * {@link triangulatedDisc} to.
 *
 * @example
 * const mesh = triangulatedRectangle({ nx: 20, ny: 12, seed: 2 }); // 240 nodes
 */
export function triangulatedRectangle(options: TriangulatedRectangleOptions = {}): Mesh {
  const where = 'triangulatedRectangle';
  const nx = integerAtLeast(where, 'nx', options.nx ?? 10, 2);
  const ny = integerAtLeast(where, 'ny', options.ny ?? 6, 2);
  if (nx * ny > 10_000_000) throw new RangeError(`${where}: nx × ny must be at most 10,000,000 nodes, received ${nx} × ${ny} = ${nx * ny}.`);
  const h = positive(where, 'spacing', options.spacing ?? 1);
  const jitter = positive(where, 'jitter', options.jitter ?? 0.2, true);
  if (jitter > 0.5) throw new RangeError(`${where}: jitter must be in [0, 0.5] (a fraction of the spacing), received ${jitter}.`);
  const seed = finiteSeed(where, 'seed', options.seed ?? 0);
  const rng = createRandom(seed);
  const positions = new Float64Array(2 * nx * ny);
  for (let iy = 0; iy < ny; iy++) {
    for (let ix = 0; ix < nx; ix++) {
      const [sideX, sideY] = [ix === 0 || ix === nx - 1, iy === 0 || iy === ny - 1];
      let [dx, dy] = [0, 0];
      const reach = (jitter * h) / 2;
      if (!sideX && !sideY) {
        const [len, dir] = [Math.sqrt(rng.next()) * reach, rng.uniform(0, 2 * Math.PI)];
        [dx, dy] = [len * Math.cos(dir), len * Math.sin(dir)];
      } else if (!sideX) {
        dx = rng.uniform(-1, 1) * reach; // along the bottom or top side
      } else if (!sideY) {
        dy = rng.uniform(-1, 1) * reach; // along the left or right side
      }
      positions[2 * (iy * nx + ix)] = ix * h + dx;
      positions[2 * (iy * nx + ix) + 1] = iy * h + dy;
    }
  }
  const triangles: number[] = [];
  for (let iy = 0; iy + 1 < ny; iy++) {
    for (let ix = 0; ix + 1 < nx; ix++) {
      const [a, b, c, d] = [iy * nx + ix, iy * nx + ix + 1, (iy + 1) * nx + ix + 1, (iy + 1) * nx + ix];
      if (rng.next() < 0.5) triangles.push(a, b, c, a, c, d);
      else triangles.push(a, b, d, b, c, d);
    }
  }
  return meshFromTriangles('triangulated-rectangle', positions, triangles, { nx, ny, spacing: h, jitter, seed });
}
