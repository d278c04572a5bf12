import { derived, timed, type BenchCase, type Measurement } from '../suite/bench-case';
import { graphLagrangianCosts } from './graph-lagrangian';

function lastDecade(points: readonly (readonly [number, number])[]): Measurement[] {
  const [a, b] = points.slice(-2);
  if (a === undefined || b === undefined) return [];
  const slope = Math.log(b[1] / a[1]) / Math.log(b[0] / a[0]);
  return [derived('graph.sparse.slope-largest', `log-log slope of sparse time between n = ${a[0].toLocaleString('en')} and ${b[0].toLocaleString('en')}`, 'slope', slope, 'lower', { from: a[0], to: b[0] })];
}

/** The Lagrangian graph network's accelerations against n: sparse path, dense path beside it. */
export const graphCase: BenchCase = {
  id: 'graph',
  title: 'Lagrangian graph network on a ring: accelerations vs n, sparse vs dense',
  description:
    'Accelerations (batch 1) of a Lagrangian graph network with a 6→32→32→1 density on a periodic ring of n = 100, 1,000, 10,000 and 100,000 nodes by the sparse path (per-node jets, cyclic banded solve), the dense path (Euler–Lagrange of the whole L, dense solve) beside it for n ≤ 1,000, and the log-log slope of the sparse times (1 = linear).',
  run({ quick }) {
    const r = graphLagrangianCosts({ repetitions: quick ? 5 : 10, denseRepetitions: quick ? 1 : 2 });
    const hidden = r.hidden.join('-');
    return [
      ...r.rows.flatMap((row): Measurement[] => [
        timed(`graph.sparse.n-${row.n}`, `sparse path, n = ${row.n.toLocaleString('en')}`, row.sparse, 2, { n: row.n, hidden, batch: 1 }),
        ...(row.dense === undefined
          ? []
          : [
              timed(`graph.dense.n-${row.n}`, `dense path, n = ${row.n.toLocaleString('en')}`, row.dense, row.n >= 1_000 ? 1 : 2, { n: row.n, hidden, batch: 1 }),
              derived(`graph.dense-over-sparse.n-${row.n}`, `dense / sparse time, n = ${row.n.toLocaleString('en')}`, 'x', row.dense.median / row.sparse.median, 'higher', {
                n: row.n,
                ...(row.agreement === undefined ? {} : { agreement: row.agreement }),
              }),
            ]),
      ]),
      derived('graph.sparse.slope', 'log-log slope of sparse time against n (target ≤ 1.15)', 'slope', r.slope, 'lower', { sizes: r.rows.map((row) => row.n).join(',') }),
      // Small rings are dominated by fixed per-call costs, which flatten the fit: the slope over
      // the largest decade alone is the stricter figure.
      ...lastDecade(r.rows.map((row) => [row.n, row.sparse.median] as const)),
    ];
  },
};
