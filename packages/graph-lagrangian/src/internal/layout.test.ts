import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@lnn/autodiff';
import { assertAllClose } from '@lnn/autodiff/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedEndsGraph } from '../fixed-ends-graph';
import type { Graph } from '../graph';
import { neighbourGraph } from '../neighbour-graph';
import { periodicGridGraph } from '../periodic-grid-graph';
import { ringGraph } from '../ring-graph';
import { blocksToEntries, localInputs, slotsToNodes } from './layout';
import { graphOperators } from './operators';
import { stencilOf } from './stencil';

beforeAll(async () => {
  await initBackend();
});

describe('stencilOf', () => {
  it('finds the consecutive nodes of rings and fixed-ends grids, and no stencil elsewhere', () => {
    expect(stencilOf(ringGraph(7))).toEqual({ periodic: true, first: -1 });
    expect(stencilOf(ringGraph(5))).toEqual({ periodic: true, first: -1 });
    expect(stencilOf(fixedEndsGraph(5))).toEqual({ periodic: false, first: -2 });
    expect(stencilOf(fixedEndsGraph(3))).toEqual({ periodic: false, first: -2 });
    // Too short for the full band (offsets ±2 meet round a 4-ring; a 2-node grid has no ±2): gathers.
    expect(stencilOf(ringGraph(4))).toBeUndefined();
    expect(stencilOf(fixedEndsGraph(2))).toBeUndefined();
    expect(stencilOf(periodicGridGraph(3, 4))).toBeUndefined();
    expect(stencilOf(neighbourGraph([[1], [0, 2], [1]]))).toBeUndefined();
    // Banded, but term 2 sees its nodes in another order.
    const ring = ringGraph(5);
    const scrambled: Graph = { ...ring, neighbourhood: Int32Array.from(ring.neighbourhood).fill(3, 6, 7).fill(1, 8, 9) };
    expect(stencilOf(scrambled)).toBeUndefined();
  });
});

const stencils: [string, Graph][] = [
  ['ring, n = 7', ringGraph(7)],
  ['ring, n = 5 (the shortest)', ringGraph(5)],
  ['fixed ends, n = 6', fixedEndsGraph(6)],
  ['fixed ends, n = 3 (the shortest)', fixedEndsGraph(3)],
];

describe.each(stencils)('shifts on a stencil (%s)', (_name, graph) => {
  it('move values exactly as the gathers do: local inputs, slots onto nodes, blocks into band entries', () => {
    const ops = graphOperators(graph);
    expect(ops.stencil).toBeDefined();
    const [batch, n, k, terms] = [2, graph.nodes, graph.neighbourhoodSize, graph.terms];
    tf.tidy(() => {
      const q = tf.randomNormal([batch, n], 0, 1, 'float32', 1) as tf.Tensor2D;
      const qdot = tf.randomNormal([batch, n], 0, 1, 'float32', 2) as tf.Tensor2D;
      const { rows, slots } = localInputs(graph, q, qdot);
      const gathered = tf.reshape(ops.localInputs.apply(tf.concat([q, qdot], 1) as tf.Tensor2D), [batch * terms, 2 * k]);
      expect(Array.from(rows.dataSync())).toEqual(Array.from(gathered.dataSync()));
      expect(Array.from(slots.dataSync())).toEqual(Array.from(tf.transpose(gathered).dataSync()));

      const perSlot = tf.randomNormal([k, batch * terms], 0, 1, 'float32', 3) as tf.Tensor2D;
      const scattered = ops.scatter.apply(tf.reshape(tf.transpose(perSlot), [batch, terms * k]) as tf.Tensor2D);
      assertAllClose(slotsToNodes(graph, perSlot, batch), scattered, { rtol: 1e-6, atol: 1e-6 });

      const blocks = tf.randomNormal([k * k, batch * terms], 0, 1, 'float32', 4) as tf.Tensor2D;
      const assembled = ops.assemble.apply(tf.reshape(tf.transpose(blocks), [batch, terms * k * k]) as tf.Tensor2D);
      const entries = blocksToEntries(graph, blocks, batch);
      assertAllClose(entries, assembled, { rtol: 1e-6, atol: 1e-6 });
      // A test that could fail: the band holds non-zero entries off its diagonal.
      expect(tf.max(tf.abs(entries)).dataSync()[0]).toBeGreaterThan(0);
    });
  });
});
