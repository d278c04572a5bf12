import type { SparsePattern } from './sparse-pattern';

/** A colouring of a sparse matrix's columns (see {@link colourColumns}). */
export interface ColumnColouring {
  /** `[n]`: each column's colour, 0 … count − 1. */
  readonly colours: Int32Array;
  /** The number of colours: Hessian-vector products (probes) that recover the matrix. */
  readonly count: number;
}

/**
 * Colours the columns of a sparse symmetric matrix so that no row holds two columns of one colour
 * (a distance-2 colouring of its graph): then one product `H·p_c` with the 0/1 probe of colour c
 * gives every entry of those columns at once, `H[i, j] = (H p_colour(j))[i]`. Greedy, columns in
 * order, each taking the smallest colour no column sharing a row with it has. A lower bound on
 * any such colouring is the largest number of entries in a row (those columns share that row). The
 * greedy order does not always reach it (10 colours on a 10 × 10 torus); `edgeGraphColouring`
 * gives the 5-point stencil its minimal 5.
 *
 * @example
 * import { colourColumns, edgeGraphPattern, gridEdgeGraph } from '@lnn/graph-lagrangian';
 * console.log(colourColumns(edgeGraphPattern(gridEdgeGraph(10, 10))).count); // 10 probes for 100 columns (greedy)
 */
export function colourColumns(pattern: SparsePattern): ColumnColouring {
  const { n, rowStart, columns } = pattern;
  const colours = new Int32Array(n).fill(-1);
  // stamp[c] = j marks colour c as taken for column j (no clearing between columns).
  const stamp = new Int32Array(n + 1).fill(-1);
  let count = 0;
  for (let j = 0; j < n; j++) {
    // The pattern is symmetric: the rows holding column j are the columns of row j.
    for (let x = rowStart[j]!; x < rowStart[j + 1]!; x++) {
      const i = columns[x]!;
      for (let y = rowStart[i]!; y < rowStart[i + 1]!; y++) {
        const c = colours[columns[y]!]!;
        if (c >= 0) stamp[c] = j;
      }
    }
    let c = 0;
    while (stamp[c] === j) c++;
    colours[j] = c;
    count = Math.max(count, c + 1);
  }
  return { colours, count };
}

/** True when no row of the pattern holds two columns of one colour. */
export function isValidColouring(pattern: SparsePattern, colours: Int32Array): boolean {
  const { n, rowStart, columns } = pattern;
  const stamp = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let x = rowStart[i]!; x < rowStart[i + 1]!; x++) {
      const c = colours[columns[x]!]!;
      if (stamp[c] === i) return false;
      stamp[c] = i;
    }
  }
  return true;
}
