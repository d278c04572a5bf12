import type { SystemGraph } from '../system-graph';
import { edgeList } from './edges';

/**
 * The graph of an nx × ny grid of spacing h (node (ix, iy) at iy·nx + ix): positions (periodic at
 * (ix h, iy h), clamped at ((ix + 1) h, (iy + 1) h)), edges, neighbour lists (left, right, up,
 * down; clamped ghosts left out and listed in `boundaryEdges`) and the `[n, 4]` stencil (−1 for a
 * ghost).
 */
export function gridGraph(nx: number, ny: number, h: number, periodic: boolean): { graph: SystemGraph; stencil: Int32Array } {
  const n = nx * ny;
  const offset = periodic ? 0 : 1;
  const at = (ix: number, iy: number) => {
    if (periodic) return ((iy + ny) % ny) * nx + ((ix + nx) % nx);
    return ix < 0 || ix >= nx || iy < 0 || iy >= ny ? -1 : iy * nx + ix;
  };
  const positions = new Float64Array(2 * n);
  const stencil = new Int32Array(4 * n);
  const neighbours: number[][] = [];
  const boundaryEdges: number[] = [];
  const pairs: number[] = [];
  for (let iy = 0; iy < ny; iy++) {
    for (let ix = 0; ix < nx; ix++) {
      const i = iy * nx + ix;
      positions[2 * i] = (ix + offset) * h;
      positions[2 * i + 1] = (iy + offset) * h;
      const around = [at(ix - 1, iy), at(ix + 1, iy), at(ix, iy - 1), at(ix, iy + 1)];
      stencil.set(around, 4 * i);
      neighbours.push(around.filter((j) => j >= 0));
      for (const j of around) {
        if (j < 0) boundaryEdges.push(i);
        else pairs.push(i, j);
      }
    }
  }
  const graph: SystemGraph = {
    nodes: n,
    nodeDof: 1,
    positions,
    edges: edgeList(pairs, n),
    neighbours,
    boundaryEdges: Int32Array.from(boundaryEdges),
    pinned: new Uint8Array(n),
  };
  return { graph, stencil };
}
