import type { SparsePattern } from '../sparse-pattern';
import { reverseCuthillMcKee } from './reverse-cuthill-mckee';
import { Selection } from './selection';

/** Compressed rows read as a band after reverse Cuthill–McKee (see {@link rowsAsBand}). */
export interface RowsAsBand {
  /** Bandwidth after the reordering. */
  readonly p: number;
  /** `[B, nnz]` stored entries → `[B, n·(2p + 1)]` the band of P A Pᵀ. */
  readonly band: Selection;
  /** `[B, n]` → `[B, n]`: a vector into the new order (`y[new] = x[order[new]]`). */
  readonly permute: Selection;
  /** `[B, n]` → `[B, n]`: back to the graph's order. */
  readonly unpermute: Selection;
}

const cache = new WeakMap<SparsePattern, RowsAsBand>();

/**
 * A sparse symmetric pattern as a band: the coordinates reordered by reverse Cuthill–McKee (the
 * pattern's rows are its adjacency), the entries placed on the diagonals of the reordered matrix.
 * Typed arrays only; built once per pattern.
 */
export function rowsAsBand(pattern: SparsePattern): RowsAsBand {
  const cached = cache.get(pattern);
  if (cached !== undefined) return cached;
  const { n, rowStart, columns, nnz } = pattern;
  const { order, after: p } = reverseCuthillMcKee(rowStart, columns);
  const position = new Int32Array(n);
  order.forEach((old, at) => (position[old] = at));
  const width = 2 * p + 1;
  // Which stored entry lands on band slot (new row, diagonal): −1 outside the pattern.
  const source = new Int32Array(n * width).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let x = rowStart[i]!; x < rowStart[i + 1]!; x++) source[position[i]! * width + position[columns[x]!]! - position[i]! + p] = x;
  }
  const result: RowsAsBand = { p, band: Selection.fromTable(nnz, source, 1), permute: Selection.fromTable(n, order, 1), unpermute: Selection.fromTable(n, position, 1) };
  cache.set(pattern, result);
  return result;
}
