import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, jets, type Jet } from '@lnn/autodiff';
import { edgeGraphAccelerations, edgeGraphEnergy, edgeGraphFromSystem, type EdgeDensities } from '@lnn/graph-lagrangian';
import type { DynamicsModel } from '@lnn/lagrangian';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentResult } from '../../experiment';
import { tableMetrics, testContext } from '../experiment-test-support';
import { meshNetworks, restLengthCoverage, rolloutStates } from './data';
import { meshExperiment } from './index';
import { MESH_SETTINGS } from './settings';
import { relativeAccelerationError, transferRollout } from './transfer';

let dir: string;
beforeAll(async () => {
  await initBackend();
  dir = mkdtempSync(path.join(tmpdir(), 'lnn-mesh-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The spring network's true Lagrangian as edge-graph densities: ½ m |vᵢ|² per node, −½ k (|xᵢ − xⱼ| − ℓ)² per edge (ℓ the edge's feature). */
function springDensities(m: number, k: number): EdgeDensities {
  return {
    node: (x: Jet) => jets.scale(jets.sum(jets.square(jets.slice(x, 2, 2))), 0.5 * m),
    edge: (x: Jet) => {
      const length = jets.sqrt(jets.sum(jets.square(jets.sub(jets.slice(x, 0, 2), jets.slice(x, 2, 2)))));
      return jets.scale(jets.square(jets.sub(length, jets.slice(x, 8, 1))), -0.5 * k);
    },
  };
}

/** A `DynamicsModel` from edge densities on a spring network's graph (no variables). */
function densityModel(net: ReturnType<typeof meshNetworks>['large'], densities: EdgeDensities): DynamicsModel {
  const graph = edgeGraphFromSystem(net.graph, { edgeFeatures: net.restLengths });
  return {
    kind: 'true-springs',
    dof: graph.dof,
    extraDim: 0,
    variables: [],
    config: {},
    accelerations: (q, v) => edgeGraphAccelerations(graph, densities, q, v),
    energy: (q, v) => edgeGraphEnergy(graph, densities, q, v),
    dispose: () => undefined,
  };
}

describe('the spring-network transfer experiment, test scale', () => {
  const s = MESH_SETTINGS.test;
  const nets = meshNetworks(s);

  it('the meshes: a disc and a larger rectangle, boundary pinned, rest lengths those of the mesh (energy 0 at rest)', () => {
    expect(nets.large.mesh.nodes).toBeGreaterThan(nets.small.mesh.nodes);
    for (const net of [nets.small, nets.large]) {
      expect(net.parameters.pinned).toBe(net.mesh.boundary.reduce((a, b) => a + b, 0));
      const [q, v] = [new Float64Array(net.dof), new Float64Array(net.dof)];
      net.restState(q, v);
      expect(Math.abs(net.energy(q, v))).toBeLessThan(1e-20); // hypot vs the recomputed length: rounding only
    }
  });

  it('the true Lagrangian written as edge densities scores ~0 acceleration error on both meshes, and predicting 0 scores 1', () => {
    for (const [net, seed] of [[nets.small, 11], [nets.large, 12]] as const) {
      const { data, zeroLoss } = rolloutStates(net, s, 2, seed);
      expect(zeroLoss).toBeGreaterThan(0);
      // float32 accelerations of O(0.1–1) from sums of ≤ 8 spring forces: ~1e-7 relative each; measured 2.3e-7 (disc), 4.3e-7 (rectangle).
      expect(relativeAccelerationError(densityModel(net, springDensities(1, 1)), data, zeroLoss)).toBeLessThan(1e-5);
      const zero: DynamicsModel = { ...densityModel(net, springDensities(1, 1)), accelerations: (q) => tf.zerosLike(q) };
      expect(relativeAccelerationError(zero, data, zeroLoss)).toBeCloseTo(1, 6);
      // A wrong stiffness is seen: k = 2 doubles the forces, the error is |2a − a| / |a| = 1.
      expect(relativeAccelerationError(densityModel(net, springDensities(1, 2)), data, zeroLoss)).toBeCloseTo(1, 3);
    }
  });

  it('the rollout metrics of the true densities on the unseen mesh: position error and energy drift at the integrators\' level; a wrong density is caught', () => {
    const exact = transferRollout(densityModel(nets.large, springDensities(1, 1)), nets.large, s, 7);
    expect(exact.status).toBe('success');
    expect(exact.positionError[0]).toBe(0);
    // RK4 at dt = 0.05 (float32) against Verlet at dt = 0.02 to t = 0.5: Verlet's O(dt²) phase error
    // dominates. Measured: position error 1.4e-4 of the displacement, true-energy drift 9e-8 (RK4),
    // 1e-4 (Verlet's own, bounded); bounds at 1e-2 leave room for other seeds, far below the
    // wrong density's (k = 3), which must be ≥ 10× worse.
    expect(Math.max(...exact.positionError)).toBeLessThan(1e-2);
    expect(Math.max(...exact.trueEnergyDrift)).toBeLessThan(1e-2);
    expect(Math.max(...exact.truthEnergyDrift)).toBeLessThan(1e-2);
    const wrong = transferRollout(densityModel(nets.large, springDensities(1, 3)), nets.large, s, 7);
    expect(wrong.positionError[wrong.positionError.length - 1]).toBeGreaterThan(10 * (exact.positionError[exact.positionError.length - 1] as number));
    expect(Math.max(...wrong.trueEnergyDrift)).toBeGreaterThan(10 * Math.max(...exact.trueEnergyDrift));
  });

  it('the quick scale trains on a disc whose rest lengths span the rectangle\'s (the jitter of 0.2 left 99 of its 1,701 outside)', () => {
    const quick = MESH_SETTINGS.quick;
    const coverage = restLengthCoverage(meshNetworks(quick));
    expect(coverage.largeOutsideSmall).toBe(0);
    expect(coverage.small.min).toBeLessThanOrEqual(coverage.large.min);
    expect(coverage.small.max).toBeGreaterThanOrEqual(coverage.large.max);
    expect(restLengthCoverage(meshNetworks({ ...quick, trainJitter: 0.2 })).largeOutsideSmall).toBe(99);
  });

  it('runs at test scale (restarts, keep-best): every metric the tables read is there, finite where a number, and no tensor is left behind', async () => {
    const tensors = tf.memory().numTensors;
    const context = testContext(s, dir);
    const t0 = performance.now();
    const result = (await meshExperiment.run!(context)) as ExperimentResult;
    const seconds = (performance.now() - t0) / 1000;
    expect(tf.memory().numTensors).toBe(tensors);
    const cells = tableMetrics(result);
    for (const { metric, value } of cells) {
      expect(value, metric).not.toBeUndefined();
      if (typeof value === 'number') expect(Number.isFinite(value), metric).toBe(true);
    }
    expect(cells.length).toBeGreaterThan(25);
    const m = result.metrics as { training: { steps: number; candidates: number[] | null }; restLengths: { largeOutsideSmall: number } };
    expect(m.training.steps).toBe(s.steps);
    expect(m.training.candidates?.length).toBeGreaterThanOrEqual(1);
    expect(Number.isInteger(m.restLengths.largeOutsideSmall)).toBe(true);
    expect(result.notes.some((n) => n.startsWith('Seed restarts'))).toBe(true);
    expect(result.figures.map((f) => f.file)).toEqual(['mesh-transfer.svg']);
    console.log(`mesh experiment at test scale: ${seconds.toFixed(1)} s`);
  });
});
