import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@lnn/autodiff';
import { beforeAll, describe, expect, it } from 'vitest';
import { Selection } from './selection';

beforeAll(async () => {
  await initBackend();
});

describe('Selection', () => {
  // Rows of lengths 0, 1, 3 (repeats), 9 and 2: four width buckets (1, 4, 16, 2), results back in row order.
  const rows = [[], [2], [0, 0, 4], [1, 2, 3, 4, 0, 1, 2, 3, 4], [4, 3]];
  const x = [[1, 2, 3, 4, 5], [-1, 0.5, 2, 0, 3]];
  const expected = x.map((xs) => rows.map((r) => r.reduce((s, j) => s + xs[j]!, 0)));

  it('sums each row of any length (bucketed by width), from lists and from a fixed table alike', () => {
    const s = new Selection(5, rows);
    expect(s.apply(tf.tensor2d(x)).arraySync()).toEqual(expected);
    const table = Int32Array.from([-1, -1, 2, -1, 4, 3]); // rows [], [2], [4, 3] at width 2
    expect(Selection.fromTable(5, table, 2).apply(tf.tensor2d(x)).arraySync()).toEqual(x.map((xs) => [0, xs[2], xs[4]! + xs[3]!]));
  });

  it('has the transpose as its gradient: ⟨S x, y⟩ = ⟨x, Sᵀ y⟩', () => {
    const s = new Selection(5, rows);
    const y = tf.tensor2d([[1, -2, 0.5, 3, 1], [2, 1, -1, 0.5, 4]]);
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(s.apply(t as tf.Tensor2D), y)))(tf.tensor2d(x)).arraySync() as number[][];
    const manual = y.arraySync().map((ys) => Array.from({ length: 5 }, (_, j) => rows.reduce((acc, r, i) => acc + r.filter((k) => k === j).length * ys[i]!, 0)));
    expect(g).toEqual(manual);
    expect(s.transpose().apply(y).arraySync()).toEqual(manual);
    expect(s.transpose().transpose()).toBe(s);
  });
});
