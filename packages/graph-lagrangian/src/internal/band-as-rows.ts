import type { MatrixLayout } from './operators';
import { Selection } from './selection';
import { SparsePattern } from '../sparse-pattern';

/** A band layout's matrix in compressed rows: the pattern, and the map from band entries to its entries. */
export interface BandAsRows {
  readonly pattern: SparsePattern;
  /** `[B, n(2p+1)]` band entries → `[B, nnz]` stored entries (entries outside the matrix dropped, wrapped ones that meet added). */
  readonly select: Selection;
}

const cache = new WeakMap<MatrixLayout, Map<number, BandAsRows>>();

/**
 * The compressed-row form of an n×n band layout (`band[i, o + p] = A[i][i + o]`, the column taken
 * mod n on a ring), for solvers that work on compressed rows (`cg()`). Built once per layout and n.
 */
export function bandAsRows(layout: Extract<MatrixLayout, { kind: 'band' }>, n: number): BandAsRows {
  let byN = cache.get(layout);
  if (byN === undefined) cache.set(layout, (byN = new Map()));
  const cached = byN.get(n);
  if (cached !== undefined) return cached;
  const { p, periodic } = layout;
  const width = 2 * p + 1;
  const rows: Map<number, number[]>[] = Array.from({ length: n }, () => new Map());
  for (let i = 0; i < n; i++) {
    for (let o = -p; o <= p; o++) {
      const j = periodic ? (((i + o) % n) + n) % n : i + o;
      if (j < 0 || j >= n) continue;
      const sources = rows[i]!.get(j) ?? [];
      sources.push(i * width + o + p);
      rows[i]!.set(j, sources);
    }
  }
  const pattern = SparsePattern.fromRows(rows.map((r) => [...r.keys()]));
  const entries: number[][] = [];
  rows.forEach((r) => [...r.entries()].sort(([a], [b]) => a - b).forEach(([, sources]) => entries.push(sources)));
  const result = { pattern, select: new Selection(n * width, entries) };
  byN.set(n, result);
  return result;
}
