import * as tf from '@tensorflow/tfjs-core';
import type { Graph } from '../graph';

/**
 * A graph whose term m sees the k consecutive nodes `m + first … m + first + k − 1` — wrapped
 * round a ring (`periodic`, M = n terms), or ghost nodes outside `[0, n)` otherwise: rings and
 * fixed-ends grids. On a stencil, moving values between nodes, term slots and band entries is a
 * shift of whole vectors (a slice of a padded copy) instead of a gather: on wasm a gather costs
 * ~0.3 µs per element, a shift ~1 ns.
 */
export interface Stencil {
  readonly periodic: boolean;
  /** The node in slot a of term m is m + first + a. */
  readonly first: number;
}

/** j reduced to (−n/2, n/2] modulo n. */
export function centred(j: number, n: number): number {
  const d = ((j % n) + n) % n;
  return d > n / 2 ? d - n : d;
}

/**
 * The stencil a banded graph follows, or undefined: when its terms see other nodes, or when the
 * ring or grid is too short for the full band (n < 2k − 1 on a ring, n < k otherwise, where
 * offsets wrap onto each other or fall off the ends) — the gathers serve those.
 */
export function stencilOf(graph: Graph): Stencil | undefined {
  const { neighbourhood: nb, neighbourhoodSize: k, terms, nodes: n, structure } = graph;
  if (structure === 'sparse') return undefined;
  const periodic = structure === 'periodic-banded';
  if (periodic ? terms !== n || n < 2 * k - 1 : n < k) return undefined;
  const at = nb.findIndex((j) => j >= 0);
  if (at < 0) return undefined;
  const first = periodic ? centred(nb[at]! - at, n) : nb[at]! - Math.floor(at / k) - (at % k);
  for (let m = 0; m < terms; m++) {
    for (let a = 0; a < k; a++) {
      const j = m + first + a;
      const expected = periodic ? ((j % n) + n) % n : j >= 0 && j < n ? j : -1;
      if (nb[m * k + a] !== expected) return undefined;
    }
  }
  return { periodic, first };
}

/** x with `lo` entries before and `hi` after along the last axis: wrapped round, or zeros. */
export function padLast(x: tf.Tensor, lo: number, hi: number, periodic: boolean): tf.Tensor {
  if (lo === 0 && hi === 0) return x;
  const axis = x.rank - 1;
  const size = x.shape[axis]!;
  if (!periodic) return tf.pad(x, x.shape.map((_, i): [number, number] => (i === axis ? [lo, hi] : [0, 0])));
  const part = (from: number, count: number) => tf.slice(x, x.shape.map((_, i) => (i === axis ? from : 0)), x.shape.map((d, i) => (i === axis ? count : d)));
  return tf.concat([...(lo > 0 ? [part(size - lo, lo)] : []), x, ...(hi > 0 ? [part(0, hi)] : [])], axis);
}
