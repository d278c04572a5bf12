import * as tf from '@tensorflow/tfjs-core';
import { initBackend, LinalgError } from '@lnn/autodiff';
import { expectContract, fuzzSettings } from '@lnn/test-utils';
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { GraphLagrangian } from './graph-lagrangian';
import { periodicBandedSolve } from './periodic-banded-solve';
import { ringGraph } from './ring-graph';

beforeAll(async () => {
  await initBackend();
});

const value = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -3, max: 3, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1e30, -1e30, Number.NaN, Number.POSITIVE_INFINITY) },
);
const awkwardInt = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: -2, max: 14 }) }, { weight: 1, arbitrary: fc.constantFrom(1.5, Number.NaN, Number.POSITIVE_INFINITY, 1e9) });

describe('@lnn/graph-lagrangian fuzz: the graph network keeps its contract', () => {
  it('ringGraph and GraphLagrangian.accelerations / energy: finite values, or a typed error naming the function', () => {
    fc.assert(
      fc.property(awkwardInt, fc.integer({ min: 0, max: 3 }), fc.oneof(fc.constant('nodes' as const), fc.integer({ min: 1, max: 14 })), fc.array(value, { minLength: 84, maxLength: 84 }), fc.constantFrom('accelerations', 'energy'), (n, batch, widthOrNodes, values, which) => {
        let graph: ReturnType<typeof ringGraph>;
        try {
          graph = ringGraph(n);
        } catch (error) {
          expectContract('ringGraph', () => {
            throw error;
          }, { errors: [TypeError, RangeError] });
          return;
        }
        // Mostly the right width (the graph's n), so that the numerics are reached, not just the shape checks.
        const width = widthOrNodes === 'nodes' ? graph.nodes : widthOrNodes;
        const model = new GraphLagrangian({ graph: graph.config, hidden: [4], seed: 1 });
        try {
          tf.tidy(() => {
            const q = tf.tensor2d(values.slice(0, batch * width), [batch, width]);
            const v = tf.tensor2d(values.slice(42, 42 + batch * width), [batch, width]);
            expectContract(['GraphLagrangian', 'graph', 'periodicBandedSolve', 'bandedSolve', 'conjugateGradientSolve', 'accelerations', 'energy'], () => (which === 'accelerations' ? model.accelerations(q, v) : model.energy(q, v)).dataSync(), {
              errors: [TypeError, RangeError, LinalgError],
            });
          });
        } finally {
          model.dispose();
        }
      }),
      fuzzSettings(80),
    );
  });

  it('periodicBandedSolve: finite solutions, or a TypeError / LinalgError naming it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 7 }), fc.array(value, { minLength: 160, maxLength: 160 }), (batch, n, width, values) => {
        tf.tidy(() => {
          const band = tf.tensor3d(values.slice(0, batch * n * width), [batch, n, width]);
          const b = tf.tensor2d(values.slice(100, 100 + batch * n), [batch, n]);
          expectContract('periodicBandedSolve', () => periodicBandedSolve(band, b).dataSync(), { errors: [TypeError, RangeError, LinalgError] });
        });
      }),
      fuzzSettings(150),
    );
  });
});
