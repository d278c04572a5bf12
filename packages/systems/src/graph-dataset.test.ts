import { describe, expect, it } from 'vitest';
import { decodeDataset, encodeDataset } from './dataset-io';
import { datasetGraph, graphDataset } from './graph-dataset';
import { springNetwork } from './spring-network';
import type { GraphSystem } from './system-graph';
import { triangulatedDisc } from './triangulated-disc';
import { verletRollout } from './verlet-rollout';
import { wave2d } from './wave-2d';

describe('graphDataset: (state, acceleration) samples from rollouts, for graph networks', () => {
  const wave = wave2d({ nx: 8, ny: 8 });
  const waveData = () => graphDataset(wave, { trajectories: 4, samplesPerTrajectory: 6, duration: 20, dt: 0.05, seed: 3, sample: (rng, q, v) => wave.smoothRandomField(rng, q, v, { modes: 3 }) });
  const net = springNetwork(triangulatedDisc({ rings: 2, seed: 1 }), { pinned: [0] });
  const netData = () => graphDataset(net, { trajectories: 3, samplesPerTrajectory: 5, duration: 10, dt: 0.02, seed: 4, sample: (rng, q, v) => net.perturbation(rng, q, v) });

  it.each([
    ['wave2d 8×8', wave, waveData, 1, 24],
    ['spring network on a disc', net, netData, 2, 15],
  ] as [string, GraphSystem, typeof waveData, number, number][])('%s: per-node arrays [N, nodes, dof], true accelerations and energies, states on the rollouts', (_name, system, make, nodeDof, count) => {
    const ds = make();
    const nodes = system.graph.nodes;
    for (const name of ['q', 'qdot', 'qdd']) expect(ds.arrays[name]!.shape).toEqual([count, nodes, nodeDof]);
    expect(ds.arrays.energy!.shape).toEqual([count]);
    expect(ds.kind).toBe('accelerations');
    const d = system.dof;
    const [q, qdot, qdd] = [ds.arrays.q!.data, ds.arrays.qdot!.data, ds.arrays.qdd!.data];
    const times = ds.arrays.time!.data;
    const a = new Float64Array(d);
    for (let b = 0; b < count; b++) {
      const [qb, vb] = [q.subarray(b * d, (b + 1) * d), qdot.subarray(b * d, (b + 1) * d)];
      system.acceleration(qb, vb, a);
      expect(Array.from(qdd.subarray(b * d, (b + 1) * d))).toEqual(Array.from(a));
      expect(ds.arrays.energy!.data[b]).toBe(system.energy(qb, vb));
      if (b > 0 && ds.arrays.trajectory!.data[b] === ds.arrays.trajectory!.data[b - 1]) expect(times[b]).toBeGreaterThanOrEqual(times[b - 1]!);
    }
    // Samples are spread over the rollouts' time (not all at t = 0).
    expect(Math.max(...times)).toBeGreaterThan(ds.parameters.duration! / 4);
    expect(new Set(Array.from(times)).size).toBeGreaterThan(count / 2);
  });

  it('samples are states of the true rollout: re-running verletRollout from the same initial state reaches them', () => {
    const ds = graphDataset(wave, { trajectories: 1, samplesPerTrajectory: 3, duration: 5, dt: 0.05, seed: 9, sample: (rng, q, v) => wave.smoothRandomField(rng, q, v) });
    const y0 = new Float64Array(2 * wave.dof);
    // The sampler is called first with the data set's generator: the same seed gives the same initial state.
    const again = graphDataset(wave, { trajectories: 1, samplesPerTrajectory: 1, duration: 0, dt: 0.05, seed: 9, sample: (rng, q, v) => wave.smoothRandomField(rng, q, v) });
    y0.set(again.arrays.q!.data, 0);
    y0.set(again.arrays.qdot!.data, wave.dof);
    const steps = Array.from(ds.arrays.time!.data, (t) => Math.round(t / 0.05));
    const r = verletRollout(wave, y0, { dt: 0.05, steps: 100, atSteps: steps });
    for (let s = 0; s < 3; s++) expect(Array.from(r.states.subarray(2 * wave.dof * s, 2 * wave.dof * s + wave.dof))).toEqual(Array.from(ds.arrays.q!.data.subarray(wave.dof * s, wave.dof * (s + 1))));
  });

  it('the same seed gives the same data; another seed other data', () => {
    const [a, b] = [netData(), netData()];
    for (const name of Object.keys(a.arrays)) expect(Array.from(a.arrays[name]!.data), name).toEqual(Array.from(b.arrays[name]!.data));
    const c = graphDataset(net, { trajectories: 3, samplesPerTrajectory: 5, duration: 10, dt: 0.02, seed: 5, sample: (rng, q, v) => net.perturbation(rng, q, v) });
    expect(Array.from(c.arrays.q!.data)).not.toEqual(Array.from(a.arrays.q!.data));
  });

  it('the graph survives encodeDataset / decodeDataset and reads back with datasetGraph', () => {
    for (const [system, ds] of [[wave2d({ nx: 4, ny: 3, boundary: 'clamped' }), null], [net, netData()]] as const) {
      const data = ds ?? graphDataset(system, { trajectories: 1, samplesPerTrajectory: 2, duration: 1, dt: 0.1, seed: 0, sample: (rng, q) => q.forEach((_, i) => (q[i] = rng.normal())) });
      const graph = datasetGraph(decodeDataset(encodeDataset(data)));
      const truth = system.graph;
      expect(graph.nodes).toBe(truth.nodes);
      expect(graph.nodeDof).toBe(truth.nodeDof);
      expect(Array.from(graph.positions)).toEqual(Array.from(truth.positions));
      expect(Array.from(graph.edges)).toEqual(Array.from(truth.edges));
      expect(graph.neighbours).toEqual(truth.neighbours.map((l) => [...l]));
      expect(Array.from(graph.boundaryEdges)).toEqual(Array.from(truth.boundaryEdges));
      expect(Array.from(graph.pinned)).toEqual(Array.from(truth.pinned));
    }
  });

  it('rejects bad options by name, and reports a rollout that blows up', () => {
    const sample = (rng: { normal(): number }, q: Float64Array) => q.forEach((_, i) => (q[i] = rng.normal()));
    const ok = { trajectories: 1, samplesPerTrajectory: 1, duration: 1, dt: 0.1, seed: 0, sample };
    expect(() => graphDataset(wave, { ...ok, trajectories: 0 })).toThrow('graphDataset: options.trajectories must be an integer ≥ 1, received 0.');
    expect(() => graphDataset(wave, { ...ok, dt: 0 })).toThrow('graphDataset: options.dt must be a finite number > 0, received 0.');
    expect(() => graphDataset(wave, { ...ok, seed: Number.NaN })).toThrow('graphDataset: options.seed must be a finite number (a seed), received NaN.');
    expect(() => graphDataset(wave, { ...ok, sample: undefined as never })).toThrow('graphDataset: options.sample must be a function (rng, q, v) => void, received undefined.');
    expect(() => graphDataset({} as never, ok)).toThrow('graphDataset: system must be a GraphSystem (wave2d, springNetwork), received [object Object].');
    expect(() => graphDataset(wave, { ...ok, dt: 2 })).toThrow(/verletRollout: options.dt = 2 is at or beyond the stability limit/);
    const unguarded: GraphSystem = { ...wave, maxStableStep: undefined }; // the same grid without its stability limit
    expect(() => graphDataset(unguarded, { ...ok, duration: 1_000, dt: 2 })).toThrow(/graphDataset: trajectory 0 left the finite numbers at step \d+ \(t = \d+\); use a smaller dt or gentler initial states\./);
    expect(() => datasetGraph({ kind: 'accelerations', system: 'x', seed: 0, parameters: {}, arrays: {} })).toThrow(
      'datasetGraph: the data set has no q, positions, edges, neighbourOffsets, neighbourIndices, boundaryEdges, pinned array(s); it was not made by graphDataset.',
    );
  });
});
