import * as tf from '@tensorflow/tfjs-core';
import { hessian, initBackend, jetHessian, jets, lu, type Jet } from '@lnn/autodiff';
import { assertAllClose } from '@lnn/autodiff/testing';
import { eulerLagrange } from '@lnn/lagrangian';
import { beforeAll, describe, expect, it } from 'vitest';
import { DensityMlp } from './density-mlp';
import { fixedEndsGraph } from './fixed-ends-graph';
import type { Graph } from './graph';
import { graphOperators } from './internal/operators';
import { neighbourGraph } from './neighbour-graph';
import { periodicGridGraph } from './periodic-grid-graph';
import { ringGraph } from './ring-graph';
import { banded } from './solvers/banded';
import { cg } from './solvers/cg';
import { graphAccelerations, graphDerivatives, graphEnergy, toDenseMatrix } from './sparse-euler-lagrange';

beforeAll(async () => {
  await initBackend();
});

const irregular = neighbourGraph([[1, 4], [0, 2, 5], [1, 3], [2, 4, 7], [3, 0], [1, 6], [5, 7], [6, 3]]);
const graphs: [string, Graph][] = [
  ['ring, n = 7', ringGraph(7)],
  ['ring, n = 4 (offsets wrap)', ringGraph(4)],
  ['fixed ends, n = 6', fixedEndsGraph(6)],
  ['periodic grid 3×4', periodicGridGraph(3, 4)],
  ['neighbour lists, 8 nodes, degrees 2–3', irregular],
];

function states(n: number, batch: number, seed: number): { q: tf.Tensor2D; qdot: tf.Tensor2D } {
  return { q: tf.randomNormal([batch, n], 0, 1, 'float32', seed) as tf.Tensor2D, qdot: tf.randomNormal([batch, n], 0, 1, 'float32', seed + 1) as tf.Tensor2D };
}

/** Largest |entry|, to scale absolute tolerances. */
const scaleOf = (t: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(t)).dataSync()[0]!);

describe.each(graphs)('sparse derivatives on %s', (_name, graph) => {
  it('equal the dense Hessian of the whole L (jet path and nested reverse mode)', () => {
    const n = graph.nodes;
    const mlp = new DensityMlp(2 * graph.neighbourhoodSize, [16, 16], 3);
    tf.tidy(() => {
      const { q, qdot } = states(n, 2, 11);
      const sparse = graphDerivatives(graph, mlp.jet, q, qdot);
      const x = tf.concat([q, qdot], 1) as tf.Tensor2D;
      const lagrangian = mlp.wholeLagrangian(graph);
      const whole = jetHessian((z) => lagrangian.jet(z, undefined))(x);
      const general = hessian(mlp.wholeTensor(graph))(x);
      const block = (h: tf.Tensor3D, r: number, c: number) => tf.slice(h, [0, r, c], [2, n, n]);
      // float32: entries are sums of O(n·k²) products of O(1–10) factors; relative 1e-4 of the
      // largest entry is a few hundred float32 ulps, far below any assembly mistake (O(1) relative).
      for (const reference of [whole.hessian, general]) {
        const atol = 1e-4 * scaleOf(reference);
        assertAllClose(toDenseMatrix(sparse.layout, n, sparse.hvv), block(reference, n, n), { rtol: 1e-4, atol, label: 'H_vv' });
        assertAllClose(toDenseMatrix(sparse.layout, n, sparse.hvq), block(reference, n, 0), { rtol: 1e-4, atol, label: 'H_vq' });
      }
      const gAtol = 1e-5 * scaleOf(whole.gradient);
      assertAllClose(sparse.gradQ, tf.slice(whole.gradient, [0, 0], [2, n]), { rtol: 1e-4, atol: gAtol, label: '∇_q L' });
      assertAllClose(sparse.gradV, tf.slice(whole.gradient, [0, n], [2, n]), { rtol: 1e-4, atol: gAtol, label: '∇_q̇ L' });
      assertAllClose(sparse.value, whole.value, { rtol: 1e-5, atol: 1e-5 * scaleOf(whole.value) });
      // A test that could fail: H_vv really is sparse here, and symmetric.
      const dense = toDenseMatrix(sparse.layout, n, sparse.hvv);
      assertAllClose(dense, tf.transpose(dense, [0, 2, 1]), { rtol: 1e-5, atol: 1e-5 * scaleOf(dense) });
    });
    mlp.variables.forEach((v) => v.dispose());
  });
});

/** A density convex in φ̇ with velocity coupling and φ–φ̇ cross terms, as jets and as tensors. */
const convexJet = (k: number) => (x: Jet): Jet => {
  const [phi, v, v0, phi0] = [jets.slice(x, 0, k), jets.slice(x, k, k), jets.slice(x, k, 1), jets.slice(x, 0, 1)];
  const kinetic = jets.mul(jets.add(jets.scale(jets.square(phi), 0.1), 1), jets.square(v));
  const coupling = jets.scale(jets.square(jets.sub(v, v0)), 0.5);
  const potential = jets.scale(jets.square(jets.sub(phi, phi0)), -0.5);
  return jets.sum(jets.add(jets.add(jets.scale(kinetic, 0.5), coupling), jets.add(potential, jets.scale(jets.cos(phi), 0.3))));
};
const convexTensor = (k: number) => (x: tf.Tensor2D): tf.Tensor1D => {
  const [phi, v] = [tf.slice(x, [0, 0], [-1, k]), tf.slice(x, [0, k], [-1, k])];
  const [v0, phi0] = [tf.slice(x, [0, k], [-1, 1]), tf.slice(x, [0, 0], [-1, 1])];
  const kinetic = tf.mul(tf.add(tf.mul(0.1, tf.square(phi)), 1), tf.square(v));
  const terms = tf.addN([tf.mul(0.5, kinetic), tf.mul(0.5, tf.square(tf.sub(v, v0))), tf.mul(-0.5, tf.square(tf.sub(phi, phi0))), tf.mul(0.3, tf.cos(phi))]);
  return tf.sum(terms, 1) as tf.Tensor1D;
};

describe.each(graphs)('sparse accelerations on %s', (_name, graph) => {
  it('equal the dense Euler–Lagrange solve of the whole L (general path), and the energy E = q̇·∇_q̇L − L', () => {
    const n = graph.nodes;
    const k = graph.neighbourhoodSize;
    const ops = graphOperators(graph);
    const whole = (x: tf.Tensor2D) => {
      const local = tf.reshape(ops.localInputs.apply(x), [x.shape[0] * graph.terms, 2 * k]) as tf.Tensor2D;
      return tf.sum(tf.reshape(convexTensor(k)(local), [x.shape[0], graph.terms]), 1) as tf.Tensor1D;
    };
    tf.tidy(() => {
      const { q, qdot } = states(n, 3, 21);
      const sparse = graphAccelerations(graph, convexJet(k), q, qdot);
      const dense = eulerLagrange({ dof: n, tensor: whole }, q, qdot, { solver: lu() });
      // H_vv here is well conditioned (≥ I): float32 rounding of the right-hand side only.
      assertAllClose(sparse, dense, { rtol: 1e-4, atol: 1e-4 * scaleOf(dense), label: 'q̈' });
      // Conjugate gradients take every layout (a band read as compressed rows): the same q̈ to float32 rounding.
      assertAllClose(graphAccelerations(graph, convexJet(k), q, qdot, { solver: cg({ tolerance: 1e-12 }) }), dense, { rtol: 1e-4, atol: 1e-4 * scaleOf(dense), label: 'q̈ (cg)' });
      // The default is banded() where H_vv is banded, and it only takes bands.
      if (ops.layout.kind === 'band') expect(Array.from(graphAccelerations(graph, convexJet(k), q, qdot, { solver: banded() }).dataSync())).toEqual(Array.from(sparse.dataSync()));
      else expect(() => graphAccelerations(graph, convexJet(k), q, qdot, { solver: banded() })).toThrow(/graphAccelerations: options.solver: banded\(\) solves banded matrices, and this graph's H_vv has general sparse structure/);
      const x = tf.concat([q, qdot], 1) as tf.Tensor2D;
      const value = whole(x);
      const gradV = tf.slice(tf.grad((z: tf.Tensor) => tf.sum(whole(z as tf.Tensor2D)))(x), [0, n], [3, n]);
      const energy = tf.sub(tf.sum(tf.mul(qdot, gradV), 1), value);
      assertAllClose(graphEnergy(graph, convexJet(k), q, qdot), energy, { rtol: 1e-5, atol: 1e-5 * scaleOf(energy), label: 'E' });
    });
  });
});

describe('graph Lagrangians', () => {
  it('leak no tensors (derivatives, accelerations with gradients, energy)', () => {
    const graph = ringGraph(9);
    const mlp = new DensityMlp(6, [8], 1);
    const { q, qdot } = states(9, 2, 5);
    const before = tf.memory().numTensors;
    const d = graphDerivatives(graph, mlp.jet, q, qdot);
    tf.dispose([d.value, d.gradQ, d.gradV, d.hvv, d.hvq]);
    const { value, grads } = tf.variableGrads(() => tf.sum(graphAccelerations(fixedEndsGraph(9), mlp.jet, q, qdot)) as tf.Scalar, mlp.variables);
    tf.dispose([value, ...Object.values(grads)]);
    graphEnergy(graph, mlp.jet, q, qdot).dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([q, qdot, ...mlp.variables]);
  });

  it('refuse states of the wrong shape, naming the argument and the expected shape', () => {
    tf.tidy(() => {
      expect(() => graphAccelerations(ringGraph(5), convexJet(3), tf.ones([2, 4]) as tf.Tensor2D, tf.ones([2, 4]) as tf.Tensor2D)).toThrow(
        'graphAccelerations: q must have shape [batch, 5], received [2, 4].',
      );
    });
  });
});
