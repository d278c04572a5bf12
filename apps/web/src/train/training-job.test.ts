import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@lnn/autodiff';
import { createRandom } from '@lnn/systems';
import { beforeAll, describe, expect, it } from 'vitest';
import { runTraining, sampleSimplePendulumState, TRAIN_SETTINGS, type TrainMessage } from './training-job';

describe('the training job', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'wasm', threads: 1 });
  });

  it('draws states from the stated ranges', () => {
    const rng = createRandom(1);
    const [q, v] = [new Float64Array(1), new Float64Array(1)];
    for (let i = 0; i < 1000; i++) {
      sampleSimplePendulumState(rng, q, v);
      expect(Math.abs(q[0] as number)).toBeLessThanOrEqual(Math.PI);
      expect(Math.abs(v[0] as number)).toBeLessThanOrEqual(6);
    }
  });

  it('lowers the loss, reports progress and previews in order, and leaks no tensor', () => {
    const settings = { ...TRAIN_SETTINGS, hidden: [16], count: 256, steps: 150, batchSize: 32, reportEvery: 10, previewEvery: 50, previewSeconds: 1 };
    const messages: TrainMessage[] = [];
    const before = tf.memory().numTensors;
    runTraining(settings, (m) => messages.push(m));
    expect(tf.memory().numTensors).toBe(before);
    const previews = messages.filter((m) => m.type === 'preview');
    const progress = messages.filter((m) => m.type === 'progress');
    expect(previews.map((m) => m.step)).toEqual([0, 50, 100, 150]);
    expect(progress.map((m) => m.step)).toEqual(Array.from({ length: 15 }, (_, i) => 10 * (i + 1)));
    for (const p of previews) {
      expect(p.times).toHaveLength(31);
      expect(p.truth).toHaveLength(31);
      expect(p.truth[0]).toBe(settings.previewStart[0]);
    }
    const done = messages.at(-1);
    if (done?.type !== 'done') throw new Error(`the last message is ${JSON.stringify(done)}, expected done`);
    expect(done.firstLoss).toBe(progress[0]?.loss);
    // 150 steps at peak 1e-2 take the L1 loss from ~7 (rad/s²) to well under half of it.
    expect(done.lastLoss).toBeLessThan(0.5 * done.firstLoss);
  });
});
