import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, jets, lu } from '@lnn/autodiff';
import { assertAllClose } from '@lnn/autodiff/testing';
import { eulerLagrange, loadModel, saveModel } from '@lnn/lagrangian';
import { createRandom, wave1d } from '@lnn/systems';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedEndsGraph } from './fixed-ends-graph';
import { GraphLagrangian, graphLagrangianKind } from './graph-lagrangian';
import { neighbourGraph } from './neighbour-graph';
import { periodicGridGraph } from './periodic-grid-graph';
import { ringGraph } from './ring-graph';
import { graphAccelerations, graphEnergy, type DensityFn } from './sparse-euler-lagrange';

beforeAll(async () => {
  await initBackend();
});

/**
 * The true density of the discrete 1D wave equation on a ring or fixed-ends graph (local input
 * `[φᵢ₋₁, φᵢ, φᵢ₊₁, φ̇ᵢ₋₁, φ̇ᵢ, φ̇ᵢ₊₁]`): `½ (φ̇ᵢ² − c² ((φᵢ₊₁ − φᵢ)/Δx)²) Δx`, `wave1d`'s Lagrangian term
 * by term; its accelerations are the second difference `c² (φᵢ₊₁ − 2φᵢ + φᵢ₋₁)/Δx²`.
 */
function waveDensity({ dx = 1, c = 1 }: { readonly dx?: number; readonly c?: number } = {}): DensityFn {
  return (local) => {
    const forward = jets.sub(jets.slice(local, 2, 1), jets.slice(local, 1, 1));
    return jets.add(jets.scale(jets.square(jets.slice(local, 4, 1)), dx / 2), jets.scale(jets.square(forward), (-c * c) / (2 * dx)));
  };
}

/** Random smooth-ish fields, float32-rounded so the float64 reference sees the same input. */
function fields(n: number, batch: number, seed: number): { q: Float32Array; v: Float32Array } {
  const rng = createRandom(seed);
  const q = new Float32Array(batch * n);
  const v = new Float32Array(batch * n);
  const wave = wave1d({ n });
  const [a, b] = [new Float64Array(n), new Float64Array(n)];
  for (let s = 0; s < batch; s++) {
    wave.smoothRandomField(rng, a, b, { modes: 4 });
    q.set(a, s * n);
    wave.smoothRandomField(rng, a, b, { modes: 4 });
    v.set(a, s * n);
  }
  return { q, v };
}

describe('the true wave density', () => {
  it('gives the analytic second difference on a 100-point ring (cyclic banded path) and its energy', () => {
    const n = 100;
    const wave = wave1d({ n }); // Δx = 1/n, c = 1
    const { q, v } = fields(n, 3, 1);
    const expected = new Float64Array(3 * n);
    for (let s = 0; s < 3; s++) wave.acceleration(q.subarray(s * n, (s + 1) * n), v.subarray(s * n, (s + 1) * n), expected.subarray(s * n, (s + 1) * n));
    tf.tidy(() => {
      const [qt, vt] = [tf.tensor2d(q, [3, n]), tf.tensor2d(v, [3, n])];
      const qdd = graphAccelerations(ringGraph(n), waveDensity({ dx: 1 / n }), qt, vt);
      // q̈ = (φᵢ₊₁ − 2φᵢ + φᵢ₋₁)·n² ≈ 1e3 computed in float32 from O(1) differences and divided by
      // H_vv = Δx: relative error a few ε₃₂ of the largest term (|φ|·4n² ≈ 4e4) → atol 4e4·1e-6.
      assertAllClose(qdd, expected, { rtol: 1e-5, atol: 4e-2 });
      const energies = Array.from({ length: 3 }, (_, s) => wave.energy(q.subarray(s * n, (s + 1) * n), v.subarray(s * n, (s + 1) * n)));
      assertAllClose(graphEnergy(ringGraph(n), waveDensity({ dx: 1 / n }), qt, vt), energies, { rtol: 1e-5, atol: 1e-6 });
    });
  });

  it('gives the second difference with clamped ends on a fixed-ends grid (banded path)', () => {
    const n = 30;
    const { q, v } = fields(n, 2, 2);
    const expected = new Float64Array(2 * n);
    for (let s = 0; s < 2; s++) {
      for (let i = 0; i < n; i++) {
        const at = (j: number) => (j < 0 || j >= n ? 0 : q[s * n + j]!);
        expected[s * n + i] = at(i + 1) - 2 * at(i) + at(i - 1);
      }
    }
    tf.tidy(() => {
      const qdd = graphAccelerations(fixedEndsGraph(n), waveDensity(), tf.tensor2d(q, [2, n]), tf.tensor2d(v, [2, n]));
      assertAllClose(qdd, expected, { rtol: 1e-5, atol: 1e-6 }); // Δx = 1: O(1) values, float32 rounding
    });
  });
});

describe('GraphLagrangian', () => {
  it('sparse accelerations equal eulerLagrange of the whole L (dense path) on a ring', () => {
    const model = new GraphLagrangian({ graph: ringGraph(10).config, hidden: [24, 24], seed: 3 });
    tf.tidy(() => {
      const { q, v } = fields(10, 2, 3);
      const [qt, vt] = [tf.tensor2d(q, [2, 10]), tf.tensor2d(v, [2, 10])];
      const sparse = model.accelerations(qt, vt);
      const dense = eulerLagrange(model.wholeLagrangian, qt, vt, { solver: lu() });
      // A random (paper-initialised) density gives an H_vv with cond up to ~1e3: float32 rounding
      // of H_vv and of the right-hand side, amplified by it.
      const scale = tf.max(tf.abs(dense)).dataSync()[0]!;
      assertAllClose(sparse, dense, { rtol: 1e-3, atol: 1e-3 * scale });
    });
    model.dispose();
  });

  it.each([
    ['ring, n = 12', ringGraph(12).config],
    ['ring, n = 4', ringGraph(4).config],
    ['fixed ends, n = 9', fixedEndsGraph(9).config],
  ])('accelerations (closed-form MLP terms, shifts) and their training gradient equal the jets path (%s)', (_name, graph) => {
    const model = new GraphLagrangian({ graph, hidden: [16, 16], seed: 4 });
    const n = model.dof;
    const [q, v] = [tf.randomNormal([2, n], 0, 0.5, 'float32', 7) as tf.Tensor2D, tf.randomNormal([2, n], 0, 0.5, 'float32', 8) as tf.Tensor2D];
    const general = (qq: tf.Tensor2D, vv: tf.Tensor2D) => graphAccelerations(model.graph, model.density.jet, qq, vv);
    tf.tidy(() => {
      const [fast, jets] = [model.accelerations(q, v), general(q, v)];
      // H_vv of a random density has cond up to ~1e3: float32 rounding of both, amplified.
      const scale = tf.max(tf.abs(jets)).dataSync()[0]!;
      assertAllClose(fast, jets, { rtol: 1e-3, atol: 1e-3 * scale, label: 'q̈' });
    });
    const loss = (qdd: tf.Tensor) => tf.mean(tf.abs(qdd)) as tf.Scalar;
    const a = tf.variableGrads(() => loss(model.accelerations(q, v)), model.variables);
    const b = tf.variableGrads(() => loss(general(q, v)), model.variables);
    for (const [name, g] of Object.entries(a.grads)) {
      const scale = tf.tidy(() => tf.max(tf.abs(b.grads[name]!)).dataSync()[0]!);
      assertAllClose(g, b.grads[name]!, { rtol: 1e-2, atol: 1e-2 * scale, label: name });
    }
    expect(Object.keys(a.grads).length).toBe(model.variables.length - 1); // all but the output bias
    tf.dispose([q, v, a.value, b.value, ...Object.values(a.grads), ...Object.values(b.grads)]);
    model.dispose();
  });

  it.each([
    ['fixed ends', fixedEndsGraph(7).config],
    ['periodic grid', periodicGridGraph(3, 3).config],
    ['neighbour lists', neighbourGraph([[1], [0, 2], [1]]).config],
  ])('save → load round-trips exactly (%s)', (_name, graph) => {
    const model = new GraphLagrangian({ graph, hidden: [12], seed: 5 });
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'graph-lnn-')), 'model');
    saveModel(model, dir);
    // Importing this package registered nothing: loadModel builds a graph-lagrangian only when given its kind.
    expect(() => loadModel(dir)).toThrow(`is not among the kinds given (mlp-lagrangian). @lnn/graph-lagrangian exports it as graphLagrangianKind: import { graphLagrangianKind } from '@lnn/graph-lagrangian'; loadModel(dir, { kinds: [graphLagrangianKind] }).`);
    const loaded = loadModel(dir, { kinds: [graphLagrangianKind] });
    expect(loaded.kind).toBe('graph-lagrangian');
    expect(loaded.config).toEqual(model.config);
    tf.tidy(() => {
      const n = model.dof;
      const [q, v] = [tf.randomNormal([2, n], 0, 0.3, 'float32', 1) as tf.Tensor2D, tf.randomNormal([2, n], 0, 0.3, 'float32', 2) as tf.Tensor2D];
      expect(Array.from(loaded.energy!(q, v).dataSync())).toEqual(Array.from(model.energy(q, v).dataSync()));
    });
    model.dispose();
    loaded.dispose();
  });

  it('initialises as the paper and reproducibly from its seed; onGraph copies the density', () => {
    const a = new GraphLagrangian({ graph: ringGraph(16).config, hidden: [400, 400, 400], seed: 0 });
    const b = new GraphLagrangian({ graph: ringGraph(16).config, hidden: [400, 400, 400], seed: 0 });
    expect(a.variables.length).toBe(8);
    const std = (t: tf.Variable) => tf.tidy(() => Math.sqrt(tf.moments(t).variance.dataSync()[0]!));
    const expected = [2.2 / 20, 0.58 / 20, 1.16 / 20, 20]; // c/√400, output √400
    a.variables.slice(0, 4).forEach((w, i) => expect(Math.abs(std(w) - expected[i]!) / expected[i]!).toBeLessThan(0.1));
    expect(Array.from(a.variables[1]!.dataSync().slice(0, 50))).toEqual(Array.from(b.variables[1]!.dataSync().slice(0, 50)));
    const bigger = a.onGraph(ringGraph(40).config);
    expect(bigger.dof).toBe(40);
    expect(Array.from(bigger.variables[0]!.dataSync().slice(0, 20))).toEqual(Array.from(a.variables[0]!.dataSync().slice(0, 20)));
    expect(() => a.onGraph(periodicGridGraph(3, 3).config)).toThrow(/the graph's terms see 5 nodes, this density takes 3/);
    [a, b, bigger].forEach((m) => m.dispose());
  });

  it('refuses bad input, naming the argument, the value received and the one expected', () => {
    expect(() => new GraphLagrangian({ graph: ringGraph(5).config, hidden: [] })).toThrow(
      'GraphLagrangian: config.hidden must be a non-empty array of positive integers, received [].',
    );
    expect(() => new GraphLagrangian({ graph: { kind: 'ring', n: 2 } })).toThrow('ringGraph: n (nodes) must be an integer ≥ 3, received 2.');
    expect(() => new GraphLagrangian({ graph: { kind: 'star' } as never })).toThrow(
      "graphFromConfig: config.kind must be 'ring', 'fixed-ends', 'periodic-grid' or 'neighbour-lists', received \"star\".",
    );
    expect(() => neighbourGraph([[1], [5]])).toThrow('neighbourGraph: neighbours[1] must be an array of node indices in [0, 2), received [5].');
    expect(() => periodicGridGraph(3, 2.5)).toThrow('periodicGridGraph: cols must be an integer ≥ 3, received 2.5.');
    // Found by the fuzz suite: energy of a non-finite state threw an error naming jetDirectional.
    tf.tidy(() => {
      const q = tf.tensor2d([[0, 0, 0], [0, Infinity, 0]]);
      expect(() => graphEnergy(ringGraph(3), waveDensity({ dx: 1 }), q, tf.zerosLike(q))).toThrow(new RangeError('graphEnergy: q must be finite, received Infinity at sample 1, node 1.'));
    });
    // Found by the fuzz suite: ringGraph(1e9) filled a 12 GB table for minutes.
    expect(() => ringGraph(1e9)).toThrow(new RangeError('ringGraph: n (nodes) must be at most 10000000, received 1000000000.'));
    expect(() => periodicGridGraph(5000, 5000)).toThrow(new RangeError('periodicGridGraph: rows × cols must be at most 10000000 nodes, received 5000 × 5000 = 25000000.'));
    const model = new GraphLagrangian({ graph: ringGraph(5).config, hidden: [4] });
    tf.tidy(() => {
      const x = tf.ones([1, 5]) as tf.Tensor2D;
      expect(() => model.accelerations(x, x, x)).toThrow('GraphLagrangian: this model takes no extra inputs, received a tensor of shape [1, 5].');
      expect(() => model.accelerations(tf.ones([1, 6]) as tf.Tensor2D, x)).toThrow('graphAccelerations: q must have shape [batch, 5], received [1, 6].');
    });
    model.dispose();
  });

  it('leaks no tensors over accelerations, energy and a training gradient', () => {
    const model = new GraphLagrangian({ graph: ringGraph(12).config, hidden: [8, 8], seed: 2 });
    const [q, v] = [tf.randomNormal([4, 12], 0, 1, 'float32', 3) as tf.Tensor2D, tf.randomNormal([4, 12], 0, 1, 'float32', 4) as tf.Tensor2D];
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      model.accelerations(q, v).dispose();
      model.energy(q, v).dispose();
      const { value, grads } = tf.variableGrads(() => tf.mean(tf.abs(model.accelerations(q, v))) as tf.Scalar, model.variables);
      tf.dispose([value, ...Object.values(grads)]);
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([q, v]);
    model.dispose();
  });
});
