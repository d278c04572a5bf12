import * as tf from '@tensorflow/tfjs-core';
import { lu } from '@lnn/autodiff';
import { eulerLagrange } from '@lnn/lagrangian';
import { GraphLagrangian, ringGraph } from '@lnn/graph-lagrangian';
import { time, type Timing } from '../timing';

/** One ring size: the sparse path's time and, for small rings, the dense path's. */
export interface GraphRow {
  readonly n: number;
  readonly sparse: Timing;
  readonly dense?: Timing;
  /** max |q̈_sparse − q̈_dense| / max |q̈_dense|, where both ran. */
  readonly agreement?: number;
}

/** What {@link graphLagrangianCosts} measures. */
export interface GraphResult {
  readonly hidden: readonly number[];
  readonly rows: readonly GraphRow[];
  /** Least-squares slope of log(time) against log(n) for the sparse path (1 = linear). */
  readonly slope: number;
}

/** Slope of the least-squares line through (log x, log y). */
export function logLogSlope(x: readonly number[], y: readonly number[]): number {
  const lx = x.map(Math.log);
  const ly = y.map(Math.log);
  const mx = lx.reduce((s, v) => s + v, 0) / lx.length;
  const my = ly.reduce((s, v) => s + v, 0) / ly.length;
  let [sxy, sxx] = [0, 0];
  lx.forEach((v, i) => {
    sxy += (v - mx) * ((ly[i] as number) - my);
    sxx += (v - mx) ** 2;
  });
  return sxy / sxx;
}

/**
 * Acceleration evaluation of a Lagrangian graph network on a ring (batch 1) against n: the sparse
 * path (per-term jets, cyclic banded solve) for every n, and the dense path (`eulerLagrange` of
 * the whole L: n + 1 tangents through every term, dense LU) for n ≤ `denseUpTo`.
 */
export function graphLagrangianCosts(
  options: { sizes?: readonly number[]; hidden?: readonly number[]; denseUpTo?: number; repetitions?: number; denseRepetitions?: number } = {},
): GraphResult {
  const { sizes = [100, 1_000, 10_000, 100_000], hidden = [32, 32], denseUpTo = 1_000, repetitions = 10, denseRepetitions = 2 } = options;
  const rows = sizes.map((n): GraphRow => {
    const model = new GraphLagrangian({ graph: ringGraph(n).config, hidden, seed: 1 });
    const q = tf.randomNormal([1, n], 0, 1, 'float32', 2) as tf.Tensor2D;
    const qdot = tf.randomNormal([1, n], 0, 1, 'float32', 3) as tf.Tensor2D;
    const run = (f: () => tf.Tensor) => () => {
      const out = f();
      out.dataSync();
      out.dispose();
    };
    const sparseFn = () => model.accelerations(q, qdot);
    const denseFn = () => eulerLagrange(model.wholeLagrangian, q, qdot, { solver: lu() });
    // Fewer repetitions where one evaluation takes long; the median of them is reported.
    const sparse = time(run(sparseFn), n >= 100_000 ? Math.max(3, Math.round(repetitions / 2)) : repetitions);
    let row: GraphRow = { n, sparse };
    if (n <= denseUpTo) {
      const dense = time(run(denseFn), n >= 1_000 ? denseRepetitions : repetitions, n >= 1_000 ? 1 : 2);
      const agreement = tf.tidy(() => {
        const [a, b] = [sparseFn(), denseFn()];
        return tf.div(tf.max(tf.abs(tf.sub(a, b))), tf.max(tf.abs(b))).dataSync()[0] as number;
      });
      row = { ...row, dense, agreement };
    }
    tf.dispose([q, qdot]);
    model.dispose();
    return row;
  });
  return { hidden, rows, slope: logLogSlope(rows.map((r) => r.n), rows.map((r) => r.sparse.median)) };
}
