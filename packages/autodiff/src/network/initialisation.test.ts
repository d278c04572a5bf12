import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend';
import { assertAllClose } from '../testing/all-close';
import { glorotInitStd, initialExtraWeight, initialParameters, initialStd, initialWeight, paperInitStd } from './initialisation';
import { EXTRA_INPUTS_INDEX, layerSeed } from './seeds';

beforeAll(async () => {
  await initBackend();
});

const std = (t: tf.Tensor) => tf.tidy(() => Math.sqrt(tf.moments(t).variance.dataSync()[0] as number));

describe('layerSeed', () => {
  it('is seed·1000 + index + 1, and never 0 (which tfjs reads as "no seed")', () => {
    expect(layerSeed(3, 0)).toBe(3001);
    expect(layerSeed(0, 0)).toBe(1);
    expect(layerSeed(2, EXTRA_INPUTS_INDEX)).toBe(3000);
    expect(layerSeed(-1, 999)).toBe(1e9 + 999);
    expect(layerSeed(-0.002, 1)).toBe(1e9 + 1);
  });
});

describe('initialisation', () => {
  it("gives the paper's stds c/√n (c = 2.2, 0.58·i, n) and Glorot's √(2/(n_in + n_out))", () => {
    expect([0, 1, 2, 3].map((i) => paperInitStd(i, 4, i === 0 ? 4 : 600, i === 3 ? 1 : 600))).toEqual([2.2 / Math.sqrt(600), 0.58 / Math.sqrt(600), 1.16 / Math.sqrt(600), 600 / Math.sqrt(600)]);
    assertAllClose([paperInitStd(3, 4, 600, 1)], [Math.sqrt(600)], { rtol: 1e-12, atol: 0 });
    expect(glorotInitStd(4, 600)).toBe(Math.sqrt(2 / 604));
    expect(initialStd('paper', 1, 3, 50, 20)).toBe(paperInitStd(1, 3, 50, 20));
    expect(initialStd('glorot', 1, 3, 50, 20)).toBe(glorotInitStd(50, 20));
  });

  it.each(['paper', 'glorot'] as const)('%s: draws each matrix from layerSeed(seed, i) with its std, whatever was drawn before', (initialisation) => {
    const widths = [4, 300, 300, 1];
    const { weights, biases } = initialParameters(widths, initialisation, 5);
    tf.tidy(() => {
      tf.randomNormal([7, 7], 0, 1, 'float32', 12345); // unrelated draws in between change nothing
      weights.forEach((w, i) => {
        const direct = tf.randomNormal([widths[i] as number, widths[i + 1] as number], 0, initialStd(initialisation, i, 3, widths[i] as number, widths[i + 1] as number), 'float32', layerSeed(5, i));
        expect(Array.from(w.dataSync())).toEqual(Array.from(direct.dataSync()));
        expect(Array.from(initialWeight(initialisation, i, 3, widths[i] as number, widths[i + 1] as number, 5).dataSync())).toEqual(Array.from(w.dataSync()));
      });
    });
    // The 300 × 300 hidden matrix has the std asked for, to sampling error.
    const expected = initialStd(initialisation, 1, 3, 300, 300);
    expect(Math.abs(std(weights[1] as tf.Tensor2D) - expected) / expected).toBeLessThan(0.02);
    for (const b of biases) expect(b.dataSync().every((x) => x === 0)).toBe(true);
    tf.dispose([...weights, ...biases]);
  });

  it("draws the extra inputs' matrix from layerSeed(seed, EXTRA_INPUTS_INDEX) with the first layer's std over inputs + extra rows", () => {
    tf.tidy(() => {
      const we = initialExtraWeight('glorot', 3, 2, 400, 4, 7);
      expect(we.shape).toEqual([2, 400]);
      const direct = tf.randomNormal([2, 400], 0, glorotInitStd(6, 400), 'float32', layerSeed(7, EXTRA_INPUTS_INDEX));
      expect(Array.from(we.dataSync())).toEqual(Array.from(direct.dataSync()));
      expect(Array.from(initialExtraWeight('paper', 3, 2, 400, 4, 7).dataSync())).toEqual(Array.from(tf.randomNormal([2, 400], 0, paperInitStd(0, 3, 6, 400), 'float32', 8000).dataSync())); // 7·1000 + 999 + 1
    });
  });
});
