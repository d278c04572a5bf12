import * as tf from '@tensorflow/tfjs-core';
import { initBackend, jets, type Jet } from '@lnn/autodiff';
import { assertAllClose } from '@lnn/autodiff/testing';
import { createRandom, springNetwork, triangulatedDisc, triangulatedRectangle, wave2d, type GraphSystem } from '@lnn/systems';
import { beforeAll, describe, expect, it } from 'vitest';
import { edgeGraph, type EdgeGraph } from './edge-graph';
import { edgeGraphFromSystem } from './edge-graph-from-system';
import { edgeGraphAccelerations, edgeGraphEnergy, edgeGraphSystem, TERM_CHUNK_ROWS, type EdgeDensities } from './edge-euler-lagrange';
import { gridEdgeGraph } from './grid-edge-graph';
import { edgeSolverChoice } from './edge-solver-choice';
import { cg } from './solvers/cg';
import { toDenseMatrix } from './sparse-euler-lagrange';

beforeAll(async () => {
  await initBackend();
});

/** The 2D wave equation's densities: ½ φ̇ᵢ² per node, −½ c² ((φᵢ − φⱼ)/h)² per edge. */
function waveDensities(c: number, h: number): EdgeDensities {
  return {
    node: (x: Jet) => jets.scale(jets.square(jets.slice(x, 1, 1)), 0.5),
    edge: (x: Jet) => jets.scale(jets.square(jets.sub(jets.slice(x, 0, 1), jets.slice(x, 1, 1))), (-0.5 * c * c) / (h * h)),
  };
}

/** The spring network's: ½ m |vᵢ|² per node, −½ k (|xᵢ − xⱼ| − ℓ)² per edge (ℓ the edge's feature). */
function springDensities(m: number, k: number): EdgeDensities {
  return {
    node: (x: Jet) => jets.scale(jets.sum(jets.square(jets.slice(x, 2, 2))), 0.5 * m),
    edge: (x: Jet) => {
      const length = jets.sqrt(jets.sum(jets.square(jets.sub(jets.slice(x, 0, 2), jets.slice(x, 2, 2)))));
      return jets.scale(jets.square(jets.sub(length, jets.slice(x, 8, 1))), -0.5 * k);
    },
  };
}

/** States of a system, float64, and its analytic accelerations and energies. */
function truth(system: GraphSystem, batch: number, make: (s: number, q: Float64Array, v: Float64Array) => void) {
  const [q, v, a, e] = [new Float64Array(batch * system.dof), new Float64Array(batch * system.dof), new Float64Array(batch * system.dof), new Float64Array(batch)];
  for (let s = 0; s < batch; s++) {
    const [qs, vs] = [q.subarray(s * system.dof, (s + 1) * system.dof), v.subarray(s * system.dof, (s + 1) * system.dof)];
    make(s, qs, vs);
    system.acceleration(qs, vs, a.subarray(s * system.dof, (s + 1) * system.dof));
    e[s] = system.energy(qs, vs);
  }
  return { q: tf.tensor2d(Float32Array.from(q), [batch, system.dof]), qdot: tf.tensor2d(Float32Array.from(v), [batch, system.dof]), a, e };
}

// float32: the right-hand side is a sum of ≤ 5 terms of size ~max|φ|·c²/h² each, rounded at ~6e-8
// relative; CG runs in float64 on a diagonal H_vv (one iteration). 1e-5 of the largest acceleration
// leaves two orders of margin over that, and still fails on any wrong sign, edge or ghost.
const tolerance = (a: Float64Array) => ({ rtol: 1e-5, atol: 1e-5 * a.reduce((m, x) => Math.max(m, Math.abs(x)), 0) });

describe('edgeGraphAccelerations with the true densities', () => {
  for (const boundary of ['periodic', 'clamped'] as const) {
    it(`equal wave2d's analytic accelerations and energy (${boundary}, 6 × 5, c = 1.3, h = 0.7)`, () => {
      const wave = wave2d({ nx: 5, ny: 6, c: 1.3, spacing: 0.7, boundary });
      const rng = createRandom(3);
      const { q, qdot, a, e } = truth(wave, 3, (_s, qs, vs) => wave.smoothRandomField(rng, qs, vs, { modes: 2, amplitude: 1 }));
      const graph = gridEdgeGraph(6, 5, { boundary });
      const before = tf.memory().numTensors;
      const qdd = edgeGraphAccelerations(graph, waveDensities(1.3, 0.7), q, qdot);
      const energy = edgeGraphEnergy(graph, waveDensities(1.3, 0.7), q, qdot);
      expect(tf.memory().numTensors).toBe(before + 2);
      assertAllClose(qdd.dataSync(), a, { ...tolerance(a), label: 'accelerations' });
      assertAllClose(energy.dataSync(), e, { rtol: 1e-5, atol: 1e-6 });
      // the small grid's choice is the reordered banded LU; CG must agree
      expect(edgeSolverChoice(graph).name).toBe('reordered-banded');
      assertAllClose(edgeGraphAccelerations(graph, waveDensities(1.3, 0.7), q, qdot, { solver: cg() }).dataSync(), a, { ...tolerance(a), label: 'accelerations (cg)' });
      tf.dispose([q, qdot, qdd, energy]);
    });
  }

  it(`runs the terms in blocks of ${TERM_CHUNK_ROWS} rows on large graphs, with the same numbers (260 × 260 torus: 67,600 node and 135,200 edge terms)`, () => {
    const wave = wave2d({ nx: 260, ny: 260, boundary: 'periodic' });
    const rng = createRandom(1);
    const { q, qdot, a } = truth(wave, 1, (_s, qs, vs) => wave.smoothRandomField(rng, qs, vs, { modes: 3, amplitude: 1 }));
    const qdd = edgeGraphAccelerations(gridEdgeGraph(260, 260), waveDensities(1, 1), q, qdot);
    // a smooth field's Laplacian cancels: float32 rounding of the 5 terms (|φ| ≤ 1, c = h = 1) is
    // ~5 · 6e-8 absolute whatever the (small) result; 1e-6 absolute leaves 3× margin.
    assertAllClose(qdd.dataSync(), a, { rtol: 1e-5, atol: 1e-6, label: 'accelerations' });
    tf.dispose([q, qdot, qdd]);
  });

  it('edgeGraphFromSystem builds the same graphs from @lnn/systems\' own (clamped wave, pinned springs)', () => {
    const wave = wave2d({ nx: 4, ny: 5, boundary: 'clamped' });
    const rng = createRandom(4);
    const w = truth(wave, 1, (_s, qs, vs) => wave.smoothRandomField(rng, qs, vs, { modes: 3, amplitude: 1 }));
    const fromSystem = edgeGraphAccelerations(edgeGraphFromSystem(wave.graph), waveDensities(1, 1), w.q, w.qdot);
    assertAllClose(fromSystem.dataSync(), w.a, { rtol: 1e-5, atol: 1e-6, label: 'wave' });
    const net = springNetwork(triangulatedDisc({ rings: 3, seed: 6 }), { pinned: 'boundary' });
    const s = truth(net, 1, (_s, qs, vs) => net.perturbation(rng, qs, vs, { displacement: 0.2, velocity: 0.5 }));
    const springs = edgeGraphAccelerations(edgeGraphFromSystem(net.graph, { edgeFeatures: net.restLengths }), springDensities(1, 1), s.q, s.qdot);
    assertAllClose(springs.dataSync(), s.a, { ...tolerance(s.a), label: 'springs' });
    expect(() => edgeGraphFromSystem({} as never)).toThrow(/graph must be a SystemGraph of @lnn\/systems/);
  });

  it('a clamped neighbour is a node held at 0, not the node itself (a free edge would give −3φ at a corner)', () => {
    const graph = gridEdgeGraph(3, 3, { boundary: 'clamped' });
    const q = tf.tensor2d([[1, 0, 0, 0, 0, 0, 0, 0, 0]]);
    const qdd = edgeGraphAccelerations(graph, waveDensities(1, 1), q, tf.zerosLike(q)).dataSync();
    expect(qdd[0]).toBeCloseTo(-4, 5);
    expect([qdd[1], qdd[3]]).toEqual([1, 1]);
  });

  for (const [name, mesh, pinned] of [
    ['a triangulated disc, free', triangulatedDisc({ rings: 3, seed: 2 }), 'none'],
    ['a triangulated rectangle, boundary pinned', triangulatedRectangle({ nx: 4, ny: 3, jitter: 0.2, seed: 5 }), 'boundary'],
  ] as const) {
    it(`equal springNetwork's analytic accelerations and energy on ${name}`, () => {
      const net = springNetwork(mesh, { mass: 1.7, stiffness: 2.3, pinned });
      const rng = createRandom(7);
      const { q, qdot, a, e } = truth(net, 2, (_s, qs, vs) => net.perturbation(rng, qs, vs, { displacement: 0.2, velocity: 0.5 }));
      const pins = Array.from(net.graph.pinned.keys()).filter((i) => net.graph.pinned[i] === 1);
      const graph = edgeGraph({ nodes: mesh.nodes, edges: mesh.edges, components: 2, pinned: pins, edgeFeatures: net.restLengths });
      const qdd = edgeGraphAccelerations(graph, springDensities(1.7, 2.3), q, qdot);
      assertAllClose(qdd.dataSync(), a, { ...tolerance(a), label: 'accelerations' });
      if (pinned === 'none') assertAllClose(edgeGraphEnergy(graph, springDensities(1.7, 2.3), q, qdot).dataSync(), e, { rtol: 1e-5, atol: 1e-6 });
      tf.dispose([q, qdot, qdd]);
    });
  }
});

describe('pinned nodes and the sign of L', () => {
  it('−L (a negative-definite H_vv) gives the same accelerations as L with CG on a pinned mesh: the pinned rows take the free rows\' sign', () => {
    // Before the fix the pinned rows were +1 on the diagonal whatever L's sign: with −L, H_vv had
    // diagonal entries of both signs and CG refused it (LinalgError, not-positive-definite) on every sample.
    const net = springNetwork(triangulatedRectangle({ nx: 6, ny: 5, jitter: 0.2, seed: 3 }), { pinned: 'boundary' });
    const rng = createRandom(8);
    const { q, qdot, a } = truth(net, 3, (_s, qs, vs) => net.perturbation(rng, qs, vs, { displacement: 0.2, velocity: 0.5 }));
    const graph = edgeGraphFromSystem(net.graph, { edgeFeatures: net.restLengths });
    const { node, edge } = springDensities(1, 1);
    const negated: EdgeDensities = { node: (x: Jet) => jets.scale(node!(x), -1), edge: (x: Jet) => jets.scale(edge!(x), -1) };
    for (const [label, densities] of [['L', springDensities(1, 1)], ['−L', negated]] as const) {
      const qdd = edgeGraphAccelerations(graph, densities, q, qdot, { solver: cg() });
      assertAllClose(qdd.dataSync(), a, { ...tolerance(a), label: `accelerations of ${label} (cg)` });
      tf.dispose(qdd);
    }
    // the pinned rows' diagonal follows: −1 under −L, +1 under L (and the pinned accelerations stay 0)
    const pinnedRow = 2 * Array.from(net.graph.pinned).indexOf(1);
    for (const [sign, densities] of [[1, springDensities(1, 1)], [-1, negated]] as const) {
      const dense = denseHvv(graph, densities, q, qdot);
      expect(dense.arraySync()[0]![pinnedRow]![pinnedRow]).toBe(sign);
      dense.dispose();
    }
    tf.dispose([q, qdot]);
  });
});

function denseHvv(graph: EdgeGraph, densities: EdgeDensities, q: tf.Tensor2D, qdot: tf.Tensor2D): tf.Tensor3D {
  const { hvv, layout } = edgeGraphSystem(graph, densities, q, qdot);
  return toDenseMatrix(layout, graph.dof, hvv);
}

describe('edgeSolverChoice', () => {
  it('takes the reordered banded LU on small graphs and CG once the LU costs more than 50 CG iterations', () => {
    const small = edgeSolverChoice(gridEdgeGraph(8, 8));
    const large = edgeSolverChoice(gridEdgeGraph(64, 64));
    expect([small.name, large.name, large.preconditioner]).toEqual(['reordered-banded', 'cg', 'jacobi']);
    // RCM brings the torus's bandwidth from rows·cols − cols (the wrap) down to ~2·cols
    expect(large.bandwidth.natural).toBe(64 * 63);
    expect(large.bandwidth.reverseCuthillMcKee).toBeLessThanOrEqual(2 * 64);
    expect(large.reason).toMatch(/more than 50, so CG/);
  });
});

describe('bad input is named', () => {
  it('refuses wrong states, densities and graphs', () => {
    const graph = gridEdgeGraph(3, 3);
    const q = tf.zeros([1, 8]) as tf.Tensor2D;
    expect(() => edgeGraphAccelerations(graph, waveDensities(1, 1), q, q)).toThrow(/9/);
    expect(() => edgeGraphAccelerations(graph, {} as EdgeDensities, q, q)).toThrow(/densities must be \{ node\?, edge\? \}/);
    expect(() => edgeGraph({ nodes: 3, edges: [0, 3] })).toThrow(/options\.edges\[1\] must be a node index in \[0, 3\)/);
    expect(() => edgeGraph({ nodes: 3, edges: [-1, 0] })).toThrow(/ghosts go second/);
    expect(() => edgeGraph({ nodes: 3, edges: [0, 1], edgeFeatures: [1, 2] })).toThrow(/1 finite number\(s\) per edge \(1 in all\), received 2/);
    expect(() => gridEdgeGraph(2, 4)).toThrow(/rows must be an integer ≥ 3/);
    expect(() => edgeGraphAccelerations(graph, waveDensities(1, 1), tf.fill([1, 9], NaN) as tf.Tensor2D, tf.zeros([1, 9]) as tf.Tensor2D)).toThrow(/q/);
    expect(() => edgeGraphAccelerations(graph, waveDensities(1, 1), tf.zeros([1, 9]) as tf.Tensor2D, tf.zeros([1, 9]) as tf.Tensor2D, { solver: cg({ tolerance: 1e-12 }) })).not.toThrow();
  });
});

export { denseHvv };
