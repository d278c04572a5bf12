/**
 * The 5-point stencil on an nx × ny grid (node (ix, iy) at iy·nx + ix), periodic or clamped (ghost
 * nodes at 0 around the grid), in tight loops: O(n), no allocation, no index tables.
 */

/** `out[i] = s · (φ_left + φ_right + φ_up + φ_down − 4φᵢ)`. Interior columns of rows with both neighbour rows run without branches. */
export function gridLaplacian(nx: number, ny: number, periodic: boolean, s: number, q: ArrayLike<number>, out: Float64Array): void {
  for (let iy = 0; iy < ny; iy++) {
    const row = iy * nx;
    const up = iy > 0 ? row - nx : periodic ? (ny - 1) * nx : -1;
    const down = iy < ny - 1 ? row + nx : periodic ? 0 : -1;
    if (up >= 0 && down >= 0) {
      for (let ix = 1; ix < nx - 1; ix++) {
        const i = row + ix;
        out[i] = s * ((q[i - 1] as number) + (q[i + 1] as number) + (q[up + ix] as number) + (q[down + ix] as number) - 4 * (q[i] as number));
      }
    } else {
      for (let ix = 1; ix < nx - 1; ix++) {
        const i = row + ix;
        const u = up >= 0 ? (q[up + ix] as number) : 0;
        const d = down >= 0 ? (q[down + ix] as number) : 0;
        out[i] = s * ((q[i - 1] as number) + (q[i + 1] as number) + u + d - 4 * (q[i] as number));
      }
    }
    // The first and last column (one column when nx = 1).
    for (let ix = 0; ix < nx; ix += Math.max(nx - 1, 1)) {
      const i = row + ix;
      const left = ix > 0 ? (q[i - 1] as number) : periodic ? (q[row + nx - 1] as number) : 0;
      const right = ix < nx - 1 ? (q[i + 1] as number) : periodic ? (q[row] as number) : 0;
      const u = up >= 0 ? (q[up + ix] as number) : 0;
      const d = down >= 0 ? (q[down + ix] as number) : 0;
      out[i] = s * (left + right + u + d - 4 * (q[i] as number));
    }
  }
}

/** `½ Σ_edges (φᵢ − φⱼ)²` over the grid's edges (each node's right and down edge, and, clamped, the ghost edges on the left and top). */
export function gridPotential(nx: number, ny: number, periodic: boolean, q: ArrayLike<number>): number {
  let sum = 0;
  for (let iy = 0; iy < ny; iy++) {
    const row = iy * nx;
    const down = iy < ny - 1 ? row + nx : periodic ? 0 : -1;
    for (let ix = 0; ix < nx; ix++) {
      const i = row + ix;
      const phi = q[i] as number;
      const right = ix < nx - 1 ? (q[i + 1] as number) : periodic ? (q[row] as number) : 0;
      const d = down >= 0 ? (q[down + ix] as number) : 0;
      sum += (phi - right) ** 2 + (phi - d) ** 2;
      if (!periodic) sum += (ix === 0 ? phi * phi : 0) + (iy === 0 ? phi * phi : 0);
    }
  }
  return 0.5 * sum;
}

/** `½ Σ φ̇ᵢ²`. */
export function gridKinetic(v: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += (v[i] as number) ** 2;
  return 0.5 * sum;
}
