import { derived, timed, type BenchCase, type Measurement } from '../suite/bench-case';
import { graphScalingCosts, type ScalingKind } from './graph-scaling';

/** Issue 19's bench: accelerations of an edge-graph network against n on a 2D grid and a mesh, sparse slope beside the dense one. */
export const graphScalingCase: BenchCase = {
  id: 'graph-scaling',
  title: 'Edge-graph Lagrangian network on a 2D grid and a mesh: accelerations vs n, sparse vs dense',
  description:
    'Accelerations (batch 1) of an EdgeGraphLagrangian (node and edge MLPs, hidden 32→32, softplus) on the 5-point periodic grid (1 coordinate a node) and on a triangulated disc (spring-network features, 2 coordinates a node, euclidean invariance), from ~10³ to ~10⁶ nodes (quick: to ~10⁴, dense at 36–64 nodes) by the sparse path (per-term jets, compressed rows, Jacobi CG), and at 64–256 nodes by the dense path (nested reverse mode, dense solve; one run each, the sparse median subtracted); log-log slopes of both (target for the sparse one ≤ 1.15).',
  run({ quick, log }) {
    return (['grid', 'mesh'] as ScalingKind[]).flatMap((kind): Measurement[] => {
      // Quick: ~10³–10⁴ nodes and a tiny dense pair, well under a minute; full: to ~10⁶ (tens of minutes on one thread).
      const small = { sizes: kind === 'grid' ? [32, 100] : [18, 56], denseSizes: kind === 'grid' ? [6, 8] : [2, 3] };
      const r = graphScalingCosts(kind, { repetitions: quick ? 3 : 5, log, ...(quick ? small : {}) });
      return [
        ...r.rows.flatMap((row): Measurement[] => [
          timed(`graph-scaling.${kind}.sparse.n-${row.nodes}`, `${kind}, sparse path, ${row.nodes.toLocaleString('en')} nodes (wall)`, row.sparse.wall, row.nodes >= 300_000 ? 0 : 1, { nodes: row.nodes, dof: row.dof, edges: row.edges, choice: row.choice }),
          timed(`graph-scaling.${kind}.sparse-cpu.n-${row.nodes}`, `${kind}, sparse path, ${row.nodes.toLocaleString('en')} nodes (process CPU time)`, row.sparse.cpu, row.nodes >= 300_000 ? 0 : 1, { nodes: row.nodes }),
          ...(row.dense === undefined ? [] : [timed(`graph-scaling.${kind}.dense-cpu.n-${row.nodes}`, `${kind}, dense path, ${row.nodes.toLocaleString('en')} nodes (process CPU time)`, row.dense.cpu, 0, { nodes: row.nodes, agreement: row.agreement ?? Number.NaN })]),
        ]),
        derived(`graph-scaling.${kind}.sparse.slope`, `${kind}: log-log slope of sparse CPU time against nodes (target ≤ 1.15)`, 'slope', r.slope, 'lower'),
        derived(`graph-scaling.${kind}.sparse.slope-largest`, `${kind}: the same over the two largest sizes`, 'slope', r.slopeLargest, 'lower'),
        derived(`graph-scaling.${kind}.dense.slope`, `${kind}: log-log slope of dense CPU time against nodes`, 'slope', r.denseSlope, 'lower'),
      ];
    });
  },
};
