/**
 * The non-zero positions of an n×n sparse matrix in compressed-row form: row i's columns are
 * `columns[rowStart[i] … rowStart[i + 1])`, ascending. Values live in a separate `[B, nnz]`
 * tensor in this order, so one pattern serves a whole batch.
 *
 * @example
 * import { SparsePattern } from '@lnn/graph-lagrangian';
 * const pattern = SparsePattern.fromRows([[0, 1], [0, 1, 2], [1, 2]]); // tridiagonal 3×3
 * console.log(pattern.nnz, pattern.rowStart, pattern.columns); // 7 [0, 2, 5, 7] [0, 1, 0, 1, 2, 1, 2]
 */
export class SparsePattern {
  private constructor(
    readonly n: number,
    readonly rowStart: Int32Array,
    readonly columns: Int32Array,
  ) {}

  /** nnz, the number of stored entries. */
  get nnz(): number {
    return this.columns.length;
  }

  /** The row of each stored entry, `[nnz]`. */
  rows(): Int32Array {
    const rows = new Int32Array(this.nnz);
    for (let i = 0; i < this.n; i++) rows.fill(i, this.rowStart[i], this.rowStart[i + 1]);
    return rows;
  }

  /** A pattern from each row's column indices (sorted and de-duplicated here). */
  static fromRows(rows: readonly (readonly number[])[]): SparsePattern {
    const where = 'SparsePattern.fromRows';
    if (!Array.isArray(rows) || rows.length === 0) throw new TypeError(`${where}: rows must be a non-empty array of column-index arrays, received ${String(rows)}.`);
    const n = rows.length;
    const rowStart = new Int32Array(n + 1);
    const columns: number[] = [];
    rows.forEach((row, i) => {
      if (!Array.isArray(row) || !row.every((j) => Number.isInteger(j) && j >= 0 && j < n)) {
        throw new TypeError(`${where}: rows[${i}] must be an array of column indices in [0, ${n}), received ${JSON.stringify(row) ?? String(row)}.`);
      }
      columns.push(...[...new Set(row)].sort((a, b) => a - b));
      rowStart[i + 1] = columns.length;
    });
    return new SparsePattern(n, rowStart, Int32Array.from(columns));
  }

  /** The index of entry (i, j) in the value order, or −1 when it is not stored. */
  indexOf(i: number, j: number): number {
    let lo = this.rowStart[i]!;
    let hi = this.rowStart[i + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = this.columns[mid]!;
      if (c === j) return mid;
      if (c < j) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}
