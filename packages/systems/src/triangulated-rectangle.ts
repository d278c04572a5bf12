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
 * import { triangulatedRectangle } from '@lnn/systems';
 * const mesh = triangulatedRectangle({ nx: 20, ny: 12, seed: 2 });
 * console.log(mesh.nodes, mesh.edges.length / 2, mesh.triangles.length / 3); // 240 657 418: V − E + F = 1
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
  const reach = (jitter * h) / 2;
  for (let iy = 0; iy < ny; iy++) {
    for (let ix = 0; ix < nx; ix++) {
      const sideX = ix === 0 || ix === nx - 1;
      const sideY = iy === 0 || iy === ny - 1;
      let dx = 0;
      let dy = 0;
      if (!sideX && !sideY) {
        const len = Math.sqrt(rng.next()) * reach;
        const dir = rng.uniform(0, 2 * Math.PI);
        dx = len * Math.cos(dir);
        dy = len * Math.sin(dir);
      } else if (!sideX) {
        dx = rng.uniform(-1, 1) * reach; // along the bottom or top side
      } else if (!sideY) {
        dy = rng.uniform(-1, 1) * reach; // along the left or right side
      }
      positions[2 * (iy * nx + ix)] = ix * h + dx;
      positions[2 * (iy * nx + ix) + 1] = iy * h + dy;
    }
  }
  const triangles = new Int32Array(6 * (nx - 1) * (ny - 1));
  for (let iy = 0, t = 0; iy + 1 < ny; iy++) {
    for (let ix = 0; ix + 1 < nx; ix++, t += 6) {
      const a = iy * nx + ix; // corners a, b, c, d counter-clockwise from the lower left
      const [b, c, d] = [a + 1, a + nx + 1, a + nx];
      triangles.set(rng.next() < 0.5 ? [a, b, c, a, c, d] : [a, b, d, b, c, d], t);
    }
  }
  return meshFromTriangles('triangulated-rectangle', positions, triangles, { nx, ny, spacing: h, jitter, seed });
}
