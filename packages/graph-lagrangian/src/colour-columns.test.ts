import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@lnn/autodiff';
import { assertAllClose } from '@lnn/autodiff/testing';
import { springNetwork, triangulatedDisc } from '@lnn/systems';
import { beforeAll, describe, expect, it } from 'vitest';
import { colourColumns } from './colour-columns';
import { colouredHessian } from './coloured-hessian';
import { edgeGraph } from './edge-graph';
import { edgeSystem, jetEdgeTerms } from './edge-euler-lagrange';
import { EdgeGraphLagrangian } from './edge-graph-lagrangian';
import { edgeGraphColouring } from './edge-graph-colouring';
import { edgeGraphPattern } from './edge-graph-pattern';
import { gridEdgeGraph } from './grid-edge-graph';
import type { SparsePattern } from './sparse-pattern';

beforeAll(async () => {
  await initBackend();
});

/** Throws unless no row holds two columns of one colour. */
function expectValid(pattern: SparsePattern, colours: Int32Array): void {
  for (let i = 0; i < pattern.n; i++) {
    const seen = new Set<number>();
    for (let x = pattern.rowStart[i]!; x < pattern.rowStart[i + 1]!; x++) {
      const c = colours[pattern.columns[x]!]!;
      expect(seen.has(c), `row ${i} holds two columns of colour ${c}`).toBe(false);
      seen.add(c);
    }
  }
}

const maxRow = (p: SparsePattern) => Math.max(...Array.from({ length: p.n }, (_, i) => p.rowStart[i + 1]! - p.rowStart[i]!));

describe('colourColumns', () => {
  // Minimality: on the 5-point stencil row i holds node i and its 4 neighbours; those 5 columns
  // pairwise share row i, so any colouring that recovers H from products gives them 5 different
  // colours — at least 5 probes. edgeGraphColouring uses exactly 5: minimal.
  for (const [name, graph] of [
    ['periodic 10 × 10', gridEdgeGraph(10, 10)],
    ['periodic 20 × 15', gridEdgeGraph(20, 15)],
    ['clamped 7 × 6', gridEdgeGraph(7, 6, { boundary: 'clamped' })],
    ['clamped 1 × 9 (a line: 3-point stencil, 3 probes)', gridEdgeGraph(1, 9, { boundary: 'clamped' })],
  ] as const) {
    it(`uses the minimal number of probes on the 5-point stencil, ${name}`, () => {
      const pattern = edgeGraphPattern(graph);
      const { colours, count } = edgeGraphColouring(graph);
      expectValid(pattern, colours);
      expect(count).toBe(maxRow(pattern));
      // the greedy colouring is valid too, but not always minimal
      expectValid(pattern, colourColumns(pattern).colours);
      expect(count).toBe(name.startsWith('clamped 1') ? 3 : 5);
    });
  }

  it('falls back to the greedy colouring where the lattice one does not wrap (8 × 8 torus)', () => {
    const graph = gridEdgeGraph(8, 8);
    const { colours, count } = edgeGraphColouring(graph);
    expectValid(edgeGraphPattern(graph), colours);
    expect(count).toBeGreaterThan(5);
  });

  it('is valid on a mesh of varying degree, 2 coordinates a node, with at most 2·(max degree + 1)·… colours', () => {
    const disc = triangulatedDisc({ rings: 4, seed: 3 });
    const pattern = edgeGraphPattern(edgeGraph({ nodes: disc.nodes, edges: disc.edges, components: 2 }));
    const { colours, count } = colourColumns(pattern);
    expectValid(pattern, colours);
    expect(count).toBeGreaterThanOrEqual(maxRow(pattern));
    expect(count).toBeLessThan(pattern.n / 4); // far fewer probes than the dense path's n
  });
});

describe('colouredHessian', () => {
  const disc = triangulatedDisc({ rings: 2, seed: 4 });
  for (const [name, config] of [
    ['periodic 5 × 5 grid', gridEdgeGraph(5, 5).config],
    ['periodic 4 × 4 grid (greedy colouring: the lattice one does not wrap)', gridEdgeGraph(4, 4).config],
    ['clamped 4 × 3 grid', gridEdgeGraph(4, 3, { boundary: 'clamped' }).config],
    ['triangulated disc, 2 coordinates a node', edgeGraph({ nodes: disc.nodes, edges: disc.edges, components: 2, edgeFeatures: springNetwork(disc).restLengths }).config],
  ] as const) {
    it(`equals the per-term jets' sparse H_vv on a ${name}`, () => {
      const model = new EdgeGraphLagrangian({ graph: config, hidden: [8, 8], seed: 5 });
      const n = model.dof;
      const q = tf.randomNormal([2, n], 0, 1, 'float32', 1) as tf.Tensor2D;
      const qdot = tf.randomNormal([2, n], 0, 1, 'float32', 2) as tf.Tensor2D;
      const pattern = edgeGraphPattern(model.graph);
      const colouring = edgeGraphColouring(model.graph);
      const { entries, probes } = colouredHessian(model.wholeLagrangian, pattern, tf.concat([q, qdot], 1) as tf.Tensor2D, colouring);
      const { hvv } = edgeSystem(model.graph, jetEdgeTerms(model.graph, model.densities.jets), q, qdot);
      // float32: the same ≤ 8 per-term contributions summed in different orders: 1e-4 of the largest.
      const scale = tf.max(tf.abs(hvv)).dataSync()[0]!;
      assertAllClose(entries.dataSync(), hvv.dataSync(), { rtol: 1e-4, atol: 1e-4 * scale });
      expect(probes).toBe(colouring.count);
      if (name.startsWith('periodic 5') || name.startsWith('clamped')) expect(probes).toBe(5);
      expect(() => colouredHessian(model.wholeLagrangian, pattern, q)).toThrow(/x must be \[B, \d+\] \(\[q, q̇\]\)/);
      model.dispose();
    });
  }
});
