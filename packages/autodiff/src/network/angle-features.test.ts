import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend';
import { JetTrace } from '../jet/jet';
import { assertAllClose } from '../testing/all-close';
import { angleFeatures, angleFeaturesJet, angleFeatureWidth, checkAngles } from './angle-features';

beforeAll(async () => {
  await initBackend();
});

const q = () => tf.tensor2d([[0.5, 7.1, -4], [-9.6, 2, 3.5], [40, -1, 0.25]]);

describe('angle features', () => {
  it("'wrap' maps the angles into [−π, π) by whole turns and leaves the other coordinates alone", () => {
    tf.tidy(() => {
      const wrapped = angleFeatures(q(), [0, 1], 'wrap').arraySync();
      const raw = q().arraySync();
      wrapped.forEach((row, b) =>
        row.forEach((x, i) => {
          const original = raw[b]?.[i] as number;
          if (i === 2) expect(x).toBe(original);
          else {
            expect(x).toBeGreaterThanOrEqual(-Math.PI - 1e-6);
            expect(x).toBeLessThan(Math.PI + 1e-6);
            const turns = (original - x) / (2 * Math.PI);
            expect(Math.abs(turns - Math.round(turns))).toBeLessThan(1e-5);
          }
        }),
      );
    });
  });

  it("'features' puts (cos, sin) in place of each angle; 'none' and no angles return q itself", () => {
    tf.tidy(() => {
      const x = q();
      const features = angleFeatures(x, [1], 'features');
      expect(features.shape).toEqual([3, angleFeatureWidth(3, [1], 'features')]);
      const expected = x.arraySync().map(([a, b, c]) => [a, Math.cos(b as number), Math.sin(b as number), c] as number[]);
      assertAllClose(features.dataSync(), expected.flat(), { rtol: 1e-6, atol: 1e-6 });
      expect(angleFeatures(x, [1], 'none')).toBe(x);
      expect(angleFeatures(x, [], 'wrap')).toBe(x);
      expect(angleFeatureWidth(3, [0, 2], 'wrap')).toBe(3);
    });
  });

  it.each(['wrap', 'features'] as const)('%s on a jet of [q, q̇] gives the tensor features beside q̇, with the right tangents', (transform) => {
    tf.tidy(() => {
      const [position, velocity] = [q(), tf.tensor2d([[1, 2, 3], [4, 5, 6], [7, 8, 9]])];
      const trace = new JetTrace(3, 6);
      const jet = angleFeaturesJet(trace.input(tf.concat([position, velocity], 1) as tf.Tensor2D), 3, [0, 1], transform);
      expect(Array.from(jet.value.dataSync())).toEqual(Array.from(tf.concat([angleFeatures(position, [0, 1], transform), velocity], 1).dataSync()));
      // Tangent of feature k along input j (rows of tangent are inputs): wrapping has the identity; cos q has −sin q, sin q has cos q.
      const tangent = jet.tangent.arraySync();
      const p = position.arraySync();
      for (let b = 0; b < 3; b++) {
        const expected: number[][] = Array.from({ length: 6 }, () => Array.from({ length: jet.size }, () => 0));
        if (transform === 'wrap') for (let i = 0; i < 6; i++) (expected[i] as number[])[i] = 1;
        else {
          for (const i of [0, 1]) {
            const angle = p[b]?.[i] as number;
            (expected[i] as number[])[2 * i] = -Math.sin(angle);
            (expected[i] as number[])[2 * i + 1] = Math.cos(angle);
          }
          (expected[2] as number[])[4] = 1;
          for (let i = 3; i < 6; i++) (expected[i] as number[])[i + 2] = 1;
        }
        assertAllClose((tangent[b] as number[][]).flat(), expected.flat(), { rtol: 1e-6, atol: 1e-6 });
      }
    });
  });

  it('rejects bad angle lists and transforms, naming them', () => {
    expect(() => checkAngles('Model', 2, [2], 'wrap')).toThrow(/Model: config\.angles must be distinct coordinate indices in \[0, 2\), received \[2\]/);
    expect(() => checkAngles('Model', 2, [0, 0], 'wrap')).toThrow(/distinct/);
    expect(() => checkAngles('Model', 2, [0], 'cossin' as never)).toThrow(/Model: config\.angleTransform must be 'none', 'wrap' or 'features', received "cossin"/);
    expect(() => checkAngles('Model', 2, [0, 1], 'features')).not.toThrow();
  });
});
