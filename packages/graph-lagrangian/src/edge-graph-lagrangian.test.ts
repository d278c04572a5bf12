import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { hessian, initBackend } from '@lnn/autodiff';
import { assertAllClose } from '@lnn/autodiff/testing';
import { loadModel, saveModel } from '@lnn/lagrangian';
import { graphLagrangianKind } from './graph-lagrangian';
import { springNetwork, triangulatedDisc } from '@lnn/systems';
import { beforeAll, describe, expect, it } from 'vitest';
import { edgeGraph, type EdgeGraphConfig } from './edge-graph';
import { edgeLayout, edgeSystem, jetEdgeTerms } from './edge-euler-lagrange';
import { EdgeGraphLagrangian, edgeGraphLagrangianKind } from './edge-graph-lagrangian';
import { reorderedBanded } from './solvers/reordered-banded';
import { gridEdgeGraph } from './grid-edge-graph';
import { toDenseMatrix } from './sparse-euler-lagrange';

beforeAll(async () => {
  await initBackend();
});

const disc = triangulatedDisc({ rings: 2, seed: 4 });
const rest = springNetwork(disc).restLengths;
const meshConfig = (pinned: number[]) => edgeGraph({ nodes: disc.nodes, edges: disc.edges, components: 2, pinned, edgeFeatures: rest }).config;

const graphs: [string, EdgeGraphConfig, 'none' | 'euclidean'][] = [
  ['periodic 5-point grid 3 × 4', gridEdgeGraph(3, 4).config, 'none'],
  ['clamped 5-point grid 3 × 3', gridEdgeGraph(3, 3, { boundary: 'clamped' }).config, 'none'],
  ['triangulated disc, 2 coordinates a node, rest lengths as features', meshConfig([]), 'euclidean'],
  ['the same disc, raw coordinates (invariance none), node 0 pinned', meshConfig([0]), 'none'],
];

function states(model: EdgeGraphLagrangian, batch: number, seed: number) {
  const positions = model.graph.components === 2 ? tf.tile(tf.tensor2d(Float32Array.from(disc.positions), [1, model.dof]), [batch, 1]) : tf.zeros([batch, model.dof]);
  const q = tf.add(positions, tf.randomNormal([batch, model.dof], 0, 0.3, 'float32', seed)) as tf.Tensor2D;
  let qdot = tf.randomNormal([batch, model.dof], 0, 0.5, 'float32', seed + 1) as tf.Tensor2D;
  // pinned nodes are at rest
  const keep = Float32Array.from({ length: model.dof }, (_, c) => model.graph.pinned[Math.floor(c / model.graph.components)] ? 0 : 1);
  qdot = tf.mul(qdot, tf.tensor1d(keep));
  return { q, qdot };
}

describe.each(graphs)('EdgeGraphLagrangian on %s', (_name, graph, invariance) => {
  it('sparse H_vv and accelerations equal the dense path (whole L, nested reverse mode, dense solve)', () => {
    const model = new EdgeGraphLagrangian({ graph, hidden: [12, 12], seed: 2, invariance });
    const { q, qdot } = states(model, 2, 5);
    const n = model.dof;
    const { hvv } = edgeSystem(model.graph, jetEdgeTerms(model.graph, model.densities.jets), q, qdot);
    const sparse = toDenseMatrix(edgeLayout(model.graph), n, hvv);
    const full = hessian(model.wholeLagrangian.tensor as (x: tf.Tensor2D) => tf.Tensor1D)(tf.concat([q, qdot], 1) as tf.Tensor2D);
    let dense = tf.slice(full, [0, n, n], [2, n, n]);
    const pinned = Float32Array.from({ length: n }, (_, c) => model.graph.pinned[Math.floor(c / model.graph.components)] ?? 0);
    if (pinned.some((p) => p === 1)) {
      // the sparse system holds ± identity rows on pinned coordinates, the sign of the free block's trace (per sample)
      const keep = tf.sub(1, tf.tensor1d(pinned));
      const masked = tf.mul(tf.mul(dense, tf.reshape(keep, [1, n, 1])), tf.reshape(keep, [1, 1, n]));
      const traces = Array.from(tf.sum(tf.mul(tf.reshape(masked, [2, n * n]), tf.reshape(tf.eye(n), [1, n * n])), 1).dataSync());
      const signs = tf.tensor3d(traces.map((t) => (t < 0 ? -1 : 1)), [2, 1, 1]);
      dense = tf.add(masked, tf.mul(signs, tf.diag(tf.tensor1d(pinned))));
    }
    // float32: both sum the same ≤ 8 per-term contributions in different orders; 1e-4 of the largest entry.
    const scale = tf.max(tf.abs(dense)).dataSync()[0]!;
    assertAllClose(sparse.dataSync(), dense.dataSync(), { rtol: 1e-4, atol: 1e-4 * scale, label: 'H_vv' });
    if (!pinned.some((p) => p === 1)) {
      const before = tf.memory().numTensors;
      model.accelerations(q, qdot).dispose();
      model.energy(q, qdot).dispose();
      expect(tf.memory().numTensors).toBe(before); // no tensor leaks
      const a = model.accelerations(q, qdot);
      const b = model.denseAccelerations(q, qdot);
      const s = tf.max(tf.abs(b)).dataSync()[0]!;
      // a solve amplifies H_vv's rounding by its condition number (≲ 10² here): 1e-3 of the largest.
      assertAllClose(a.dataSync(), b.dataSync(), { rtol: 1e-3, atol: 1e-3 * s, label: 'accelerations' });
    }
    model.dispose();
  });
});

describe('EdgeGraphLagrangian', () => {
  it('gradients of the accelerations in q and in the weights equal central finite differences', () => {
    const model = new EdgeGraphLagrangian({ graph: gridEdgeGraph(3, 3, { boundary: 'clamped' }).config, hidden: [8], seed: 1 });
    expect(model.solverChoice.name).toBe('reordered-banded'); // so its gradient is the one checked
    const { q, qdot } = states(model, 1, 9);
    const w = tf.randomNormal([1, 9], 0, 1, 'float32', 3);
    const loss = (x: tf.Tensor) => tf.sum(tf.mul(model.accelerations(x as tf.Tensor2D, qdot), w));
    const g = tf.grad(loss)(q).dataSync();
    const eps = 1e-2;
    const fd = Array.from({ length: 9 }, (_, c) => {
      const e = tf.mul(tf.oneHot([c], 9), eps);
      return (loss(tf.add(q, e)).dataSync()[0]! - loss(tf.sub(q, e)).dataSync()[0]!) / (2 * eps);
    });
    // float32 central differences at ε = 1e-2: truncation ~ε²·|a'''| and rounding ~1e-7·|L|/ε; 2e-2 relative to the largest.
    const scale = Math.max(...fd.map(Math.abs));
    assertAllClose(g, fd, { rtol: 2e-2, atol: 2e-2 * scale, label: 'd/dq' });
    const variable = model.variables[0]!;
    const { grads } = tf.variableGrads(() => loss(q) as tf.Scalar, [variable]);
    const gw = grads[variable.name]!.dataSync();
    const base = variable.dataSync().slice();
    const fdw = [0, 3, 7].map((at) => {
      const shifted = (s: number) => {
        const v = base.slice();
        v[at] = v[at]! + s;
        variable.assign(tf.tensor(v, variable.shape));
        return loss(q).dataSync()[0]!;
      };
      const r = (shifted(eps) - shifted(-eps)) / (2 * eps);
      variable.assign(tf.tensor(base, variable.shape));
      return r;
    });
    assertAllClose([0, 3, 7].map((at) => gw[at]!), fdw, { rtol: 2e-2, atol: 2e-2 * Math.max(...fdw.map(Math.abs)), label: 'd/dW' });
    model.dispose();
  });

  it("'euclidean' densities give rotation- and translation-equivariant accelerations and invariant energy; 'none' ones do not", () => {
    const rotate = (t: tf.Tensor2D, angle: number, shift: [number, number]) =>
      tf.tidy(() => {
        const xy = tf.reshape(t, [-1, 2]);
        const r = tf.tensor2d([[Math.cos(angle), Math.sin(angle)], [-Math.sin(angle), Math.cos(angle)]]); // row vectors times Rᵀ
        return tf.reshape(tf.add(tf.matMul(xy, r), tf.tensor1d(shift)), t.shape) as tf.Tensor2D;
      });
    for (const invariance of ['euclidean', 'none'] as const) {
      const model = new EdgeGraphLagrangian({ graph: meshConfig([]), hidden: [16, 16], seed: 4, invariance, solver: reorderedBanded() });
      const { q, qdot } = states(model, 1, 3);
      const a = model.accelerations(q, qdot);
      const moved = model.accelerations(rotate(q, 0.7, [3, -2]), rotate(qdot, 0.7, [0, 0]));
      const expected = rotate(a, 0.7, [0, 0]);
      const scale = tf.max(tf.abs(a)).dataSync()[0]!;
      const gap = tf.max(tf.abs(tf.sub(moved, expected))).dataSync()[0]! / scale;
      const energyGap = Math.abs(model.energy(rotate(q, 0.7, [3, -2]), rotate(qdot, 0.7, [0, 0])).dataSync()[0]! - model.energy(q, qdot).dataSync()[0]!);
      // float32: inputs moved by |shift| ~ 4 lose ~4·6e-8 of each coordinate; the solve amplifies it (cond ≲ 10³).
      if (invariance === 'euclidean') {
        expect(gap).toBeLessThan(1e-3);
        expect(energyGap).toBeLessThan(1e-3 * Math.abs(model.energy(q, qdot).dataSync()[0]!) + 1e-4);
      } else expect(gap).toBeGreaterThan(1e-2);
      model.dispose();
    }
  });

  it('saves and loads (config + kind); onGraph moves the densities to a larger graph; old graph models still load', () => {
    const model = new EdgeGraphLagrangian({ graph: meshConfig([]), hidden: [8], seed: 3 });
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'lnn-edge-')), 'm');
    saveModel(model, dir);
    const again = loadModel(dir, { kinds: [edgeGraphLagrangianKind, graphLagrangianKind] }) as EdgeGraphLagrangian;
    const { q, qdot } = states(model, 1, 2);
    expect(Array.from(again.accelerations(q, qdot).dataSync())).toEqual(Array.from(model.accelerations(q, qdot).dataSync()));
    expect(again.config.invariance).toBe('euclidean');
    const big = triangulatedDisc({ rings: 5, seed: 9 });
    const moved = model.onGraph(edgeGraph({ nodes: big.nodes, edges: big.edges, components: 2, edgeFeatures: springNetwork(big).restLengths }).config);
    expect(moved.dof).toBe(2 * big.nodes);
    expect(() => model.onGraph(gridEdgeGraph(3, 3).config)).toThrow(/1 coordinate\(s\) per node and 0 feature\(s\) per edge, these densities take 2 and 1/);
    expect(model.solverChoice.reason).toMatch(/reverse Cuthill–McKee/);
    expect(() => new EdgeGraphLagrangian({ graph: gridEdgeGraph(3, 3).config, invariance: 'rotation' as 'none' })).toThrow(/config.invariance must be 'none' or 'euclidean', received "rotation"/);
    [model, again, moved].forEach((m) => m.dispose());
  });
});
