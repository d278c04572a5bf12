import { finiteSeed, integerAtLeast, MAX_SAMPLES, positive } from './internal/check';
import type { Dataset, StateSampler } from './dataset';
import { createRandom } from './random';
import type { GraphSystem, SystemGraph } from './system-graph';
import { verletRollout } from './verlet-rollout';

/** Options of {@link graphDataset}. */
export interface GraphDatasetOptions {
  /** Rollouts, each from its own initial state. */
  readonly trajectories: number;
  /** States taken from each rollout, at random steps. */
  readonly samplesPerTrajectory: number;
  /** Length of each rollout (t from 0 to duration, rounded to whole steps of `dt`). */
  readonly duration: number;
  /** Störmer–Verlet step of the rollouts (`verletRollout`). */
  readonly dt: number;
  readonly seed: number;
  /** Draws an initial state, e.g. `(rng, q, v) => wave.smoothRandomField(rng, q, v, { modes: 3 })`. */
  readonly sample: StateSampler;
}

/**
 * Training data for a graph network, from rollouts on a (small) graph: each of `trajectories`
 * initial states is rolled out by Störmer–Verlet with step `dt` to `duration`, and the states at
 * `samplesPerTrajectory` random steps (uniform over the steps, ascending; repeats possible) are kept
 * with the true accelerations and energies of those states. N = trajectories × samplesPerTrajectory.
 * Arrays (float64; indices stored exactly):
 * - `q`, `qdot`, `qdd` `[N, nodes, nodeDof]`; `energy`, `time`, `trajectory` `[N]`;
 * - the graph: `positions` `[nodes, 2]`, `edges` `[E, 2]`, `neighbourOffsets` `[nodes + 1]` and
 *   `neighbourIndices` `[Σ degrees]` (node i's neighbours at offsets[i] … offsets[i+1] − 1),
 *   `boundaryEdges` `[B]`, `pinned` `[nodes]` — read back as a `SystemGraph` by {@link datasetGraph}.
 * Same seed, same data. A rollout that leaves the finite numbers throws.
 *
 * @example
 * import { graphDataset, wave2d } from '@lnn/systems';
 * const wave = wave2d({ nx: 8, ny: 8 });
 * const ds = graphDataset(wave, { trajectories: 10, samplesPerTrajectory: 20, duration: 10, dt: 0.05, seed: 0,
 *   sample: (rng, q, v) => wave.smoothRandomField(rng, q, v, { modes: 3 }) });
 * console.log(ds.arrays.q?.shape, ds.arrays.edges?.shape); // [200, 64, 1] [128, 2]
 */
export function graphDataset(system: GraphSystem, options: GraphDatasetOptions): Dataset {
  const where = 'graphDataset';
  const graph = system?.graph;
  if (graph === undefined || typeof system.acceleration !== 'function') throw new TypeError(`${where}: system must be a GraphSystem (wave2d, springNetwork), received ${String(system)}.`);
  const trajectories = integerAtLeast(where, 'options.trajectories', options.trajectories, 1);
  const perTrajectory = integerAtLeast(where, 'options.samplesPerTrajectory', options.samplesPerTrajectory, 1);
  const duration = positive(where, 'options.duration', options.duration, true);
  const dt = positive(where, 'options.dt', options.dt);
  const seed = finiteSeed(where, 'options.seed', options.seed);
  if (typeof options.sample !== 'function') throw new TypeError(`${where}: options.sample must be a function (rng, q, v) => void, received ${String(options.sample)}.`);
  const d = system.dof;
  const count = trajectories * perTrajectory;
  if (count * d > MAX_SAMPLES) throw new RangeError(`${where}: ${count} samples of ${d} coordinates exceed ${MAX_SAMPLES.toLocaleString('en')} numbers per array (memory).`);
  const steps = Math.round(duration / dt);
  const rng = createRandom(seed);
  const [q, qdot, qdd] = [new Float64Array(count * d), new Float64Array(count * d), new Float64Array(count * d)];
  const [energy, time, trajectory] = [new Float64Array(count), new Float64Array(count), new Float64Array(count)];
  const y0 = new Float64Array(2 * d);
  for (let t = 0; t < trajectories; t++) {
    options.sample(rng, y0.subarray(0, d), y0.subarray(d));
    const atSteps = Int32Array.from({ length: perTrajectory }, () => Math.floor(rng.next() * (steps + 1))).sort();
    const r = verletRollout(system, y0, { dt, steps, atSteps });
    if (r.status !== 'success') {
      throw new RangeError(`${where}: trajectory ${t} left the finite numbers at step ${r.stoppedAtStep} (t = ${r.stoppedAtStep * dt}); use a smaller dt or gentler initial states.`);
    }
    for (let s = 0; s < perTrajectory; s++) {
      const b = t * perTrajectory + s;
      q.set(r.states.subarray(2 * d * s, 2 * d * s + d), b * d);
      qdot.set(r.states.subarray(2 * d * s + d, 2 * d * (s + 1)), b * d);
      system.acceleration(q.subarray(b * d, (b + 1) * d), qdot.subarray(b * d, (b + 1) * d), qdd.subarray(b * d, (b + 1) * d));
      [energy[b], time[b], trajectory[b]] = [r.energies[s] as number, r.times[s] as number, t];
    }
  }
  const { nodes, nodeDof } = graph;
  const offsets = new Float64Array(nodes + 1);
  graph.neighbours.forEach((list, i) => (offsets[i + 1] = (offsets[i] as number) + list.length));
  const field = (data: Float64Array) => ({ shape: [count, nodes, nodeDof], data });
  return {
    kind: 'accelerations',
    system: system.name,
    seed,
    parameters: { ...system.parameters, nodeDof, trajectories, samplesPerTrajectory: perTrajectory, duration, dt },
    arrays: {
      q: field(q),
      qdot: field(qdot),
      qdd: field(qdd),
      energy: { shape: [count], data: energy },
      time: { shape: [count], data: time },
      trajectory: { shape: [count], data: trajectory },
      positions: { shape: [nodes, 2], data: Float64Array.from(graph.positions) },
      edges: { shape: [graph.edges.length / 2, 2], data: Float64Array.from(graph.edges) },
      neighbourOffsets: { shape: [nodes + 1], data: offsets },
      neighbourIndices: { shape: [offsets[nodes] as number], data: Float64Array.from(graph.neighbours.flat()) },
      boundaryEdges: { shape: [graph.boundaryEdges.length], data: Float64Array.from(graph.boundaryEdges) },
      pinned: { shape: [nodes], data: Float64Array.from(graph.pinned) },
    },
  };
}

/**
 * The graph stored in a {@link graphDataset} (also after `writeDataset` / `readDataset`).
 *
 * @example
 * import { datasetGraph, decodeDataset, encodeDataset, graphDataset, wave2d } from '@lnn/systems';
 * const wave = wave2d({ nx: 8, ny: 8 });
 * const ds = graphDataset(wave, { trajectories: 2, samplesPerTrajectory: 5, duration: 1, dt: 0.05, seed: 0, sample: (rng, q, v) => wave.smoothRandomField(rng, q, v) });
 * const graph = datasetGraph(decodeDataset(encodeDataset(ds))); // as after writeDataset / readDataset
 * console.log(graph.nodes, graph.neighbours[0]); // 64 [7, 1, 56, 8]: node 0's left, right, up, down on the 8 × 8 torus
 */
export function datasetGraph(dataset: Dataset): SystemGraph {
  const need = ['q', 'positions', 'edges', 'neighbourOffsets', 'neighbourIndices', 'boundaryEdges', 'pinned'] as const;
  const missing = need.filter((name) => dataset?.arrays?.[name] === undefined);
  if (missing.length > 0) throw new TypeError(`datasetGraph: the data set has no ${missing.join(', ')} array(s); it was not made by graphDataset.`);
  const array = (name: (typeof need)[number]) => dataset.arrays[name]!;
  const offsets = array('neighbourOffsets').data;
  const indices = array('neighbourIndices').data;
  const nodes = offsets.length - 1;
  return {
    nodes,
    nodeDof: array('q').shape[2] ?? 1,
    positions: Float64Array.from(array('positions').data),
    edges: Int32Array.from(array('edges').data),
    neighbours: Array.from({ length: nodes }, (_, i) => Array.from(indices.subarray(offsets[i], offsets[i + 1]))),
    boundaryEdges: Int32Array.from(array('boundaryEdges').data),
    pinned: Uint8Array.from(array('pinned').data),
  };
}
