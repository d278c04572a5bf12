import * as tf from '@tensorflow/tfjs-core';
import { cg, EdgeGraphLagrangian, edgeGraph, edgeSolverChoice, gridEdgeGraph, type EdgeGraphConfig } from '@lnn/graph-lagrangian';
import { springNetwork, triangulatedDisc } from '@lnn/systems';
import { summarise, type Timing } from '../timing';
import { logLogSlope } from './graph-lagrangian';

/** The two graph kinds of issue 19: the 5-point periodic grid (scalar field) and a triangulated disc (spring network, 2 coordinates a node). */
export type ScalingKind = 'grid' | 'mesh';

/** Wall-clock and process CPU time (user + system) of the same runs, ms. */
export interface WallAndCpu {
  readonly wall: Timing;
  readonly cpu: Timing;
}

/**
 * Runs `fn` `warmup` times unmeasured, then `repetitions` times, measuring wall-clock and this
 * process's CPU time. On one thread (`LNN_THREADS=1`) the CPU time is the work itself, whatever
 * else the shared machine runs; the wall time grows with the load.
 */
export function timeWallAndCpu(fn: () => void, repetitions: number, warmup: number): WallAndCpu {
  for (let i = 0; i < warmup; i++) fn();
  const [wall, cpu]: [number[], number[]] = [[], []];
  for (let i = 0; i < repetitions; i++) {
    const [w0, c0] = [performance.now(), process.cpuUsage()];
    fn();
    const c = process.cpuUsage(c0);
    wall.push(performance.now() - w0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: summarise(wall), cpu: summarise(cpu) };
}

/** One size: sparse time, and the dense path's where it ran. */
export interface ScalingRow {
  readonly nodes: number;
  readonly dof: number;
  readonly edges: number;
  readonly sparse: WallAndCpu;
  readonly dense?: WallAndCpu;
  /** max |q̈_sparse − q̈_dense| / max |q̈_dense|, where both ran. */
  readonly agreement?: number;
  /** The solver `edgeSolverChoice` would take at this size (the bench times CG at every size). */
  readonly choice: string;
  /** Seconds to build the graph, its operators and the model (not timed in `sparse`). */
  readonly setupSeconds: number;
}

export interface ScalingResult {
  readonly kind: ScalingKind;
  readonly hidden: readonly number[];
  readonly rows: readonly ScalingRow[];
  /** Least-squares log-log slope of the sparse CPU times against nodes, all sizes. */
  readonly slope: number;
  /** The same over the last two sizes. */
  readonly slopeLargest: number;
  /** The dense path's slope (CPU times) over the sizes it ran at (NaN with fewer than two). */
  readonly denseSlope: number;
}

/** Grid sides, or disc rings, for about 10³ … 10⁶ nodes (a disc of R rings has ≈ πR² nodes). */
export const SCALING_SIZES: Readonly<Record<ScalingKind, readonly number[]>> = { grid: [32, 100, 316, 1000], mesh: [18, 56, 178, 564] };
/**
 * Sizes for the dense path (grid 64 and 256 nodes, disc 39 and 95): nested reverse mode over
 * 2·dof inputs, then a dense solve — already ~20 s at 256 grid nodes on one thread.
 */
export const DENSE_SIZES: Readonly<Record<ScalingKind, readonly number[]>> = { grid: [8, 16], mesh: [3, 5] };

function build(kind: ScalingKind, size: number): { config: EdgeGraphConfig; positions?: Float32Array } {
  if (kind === 'grid') return { config: gridEdgeGraph(size, size).config };
  const disc = triangulatedDisc({ rings: size, seed: 1 });
  const graph = edgeGraph({ nodes: disc.nodes, edges: disc.edges, components: 2, edgeFeatures: springNetwork(disc).restLengths });
  return { config: graph.config, positions: Float32Array.from(disc.positions) };
}

/**
 * Accelerations (batch 1) of an `EdgeGraphLagrangian` (node and edge MLPs, softplus) against the
 * number of nodes: the sparse path (per-term jets, compressed rows, Jacobi CG) at every size, the
 * dense path (`eulerLagrange` of the whole L: nested reverse mode, dense solve) at the small ones.
 */
export function graphScalingCosts(
  kind: ScalingKind,
  options: { sizes?: readonly number[]; denseSizes?: readonly number[]; hidden?: readonly number[]; repetitions?: number; log?: (m: string) => void } = {},
): ScalingResult {
  const { sizes = SCALING_SIZES[kind], denseSizes = DENSE_SIZES[kind], hidden = [32, 32], repetitions = 5, log = () => undefined } = options;
  const measure = (size: number, dense: boolean): ScalingRow => {
    const start = performance.now();
    const { config, positions } = build(kind, size);
    const model = new EdgeGraphLagrangian({ graph: config, hidden, seed: 3, solver: cg() });
    const n = model.dof;
    const q = tf.tidy(() => tf.add(positions === undefined ? tf.zeros([1, n]) : tf.tensor2d(positions, [1, n]), tf.randomNormal([1, n], 0, 0.05, 'float32', 2))) as tf.Tensor2D;
    const qdot = tf.randomNormal([1, n], 0, 0.1, 'float32', 3) as tf.Tensor2D;
    const choice = edgeSolverChoice(model.graph).name;
    const run = (f: () => tf.Tensor) => () => {
      const out = f();
      out.dataSync();
      out.dispose();
    };
    const sparseFn = () => model.accelerations(q, qdot);
    run(sparseFn)(); // builds the operators once (kept per graph), outside the timing
    const setupSeconds = (performance.now() - start) / 1000;
    const big = model.graph.nodes >= 300_000;
    const sparse = timeWallAndCpu(run(sparseFn), big ? Math.min(repetitions, 2) : repetitions, big ? 0 : 1);
    let row: ScalingRow = { nodes: model.graph.nodes, dof: n, edges: model.graph.edges.length / 2, sparse, choice, setupSeconds };
    if (dense) {
      // One run (seconds each); its result gives the agreement.
      let agreement = Number.NaN;
      const timing = timeWallAndCpu(
        () =>
          tf.tidy(() => {
            const [a, b] = [sparseFn(), model.denseAccelerations(q, qdot)];
            agreement = tf.div(tf.max(tf.abs(tf.sub(a, b))), tf.max(tf.abs(b))).dataSync()[0] as number;
          }),
        1,
        0,
      );
      const less = (t: Timing, by: number): Timing => ({ ...t, median: t.median - by, min: t.min - by, max: t.max - by });
      row = { ...row, dense: { wall: less(timing.wall, sparse.wall.median), cpu: less(timing.cpu, sparse.cpu.median) }, agreement };
    }
    log(`graph-scaling ${kind}: ${row.nodes} nodes, sparse ${sparse.cpu.median.toFixed(1)} ms CPU (${sparse.wall.median.toFixed(1)} wall)${row.dense === undefined ? '' : `, dense ${row.dense.cpu.median.toFixed(1)} ms CPU`} (setup ${setupSeconds.toFixed(1)} s)`);
    tf.dispose([q, qdot]);
    model.dispose();
    return row;
  };
  const denseRows = denseSizes.map((s) => measure(s, true));
  const rows = [...denseRows, ...sizes.map((s) => measure(s, false))];
  const sparseSizes = rows.filter((r) => r.dense === undefined);
  const [a, b] = sparseSizes.slice(-2);
  return {
    kind,
    hidden,
    rows,
    slope: sparseSizes.length < 2 ? Number.NaN : logLogSlope(sparseSizes.map((r) => r.nodes), sparseSizes.map((r) => r.sparse.cpu.median)),
    slopeLargest: a === undefined || b === undefined ? Number.NaN : Math.log(b.sparse.cpu.median / a.sparse.cpu.median) / Math.log(b.nodes / a.nodes),
    denseSlope: denseRows.length < 2 ? Number.NaN : logLogSlope(denseRows.map((r) => r.nodes), denseRows.map((r) => r.dense!.cpu.median)),
  };
}
