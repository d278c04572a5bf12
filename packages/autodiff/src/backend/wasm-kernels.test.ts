import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './init-backend';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

/** A shape of rank 1–5 with sides 1–5, and a slice of it (begin, size; −1 sizes allowed). */
const shapeAndSlice = fc
  .array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 5 })
  .chain((shape) =>
    fc.tuple(
      fc.constant(shape),
      fc.tuple(...shape.map((n) => fc.integer({ min: 0, max: n - 1 }).chain((b) => fc.tuple(fc.constant(b), fc.oneof(fc.integer({ min: 1, max: n - b }), fc.constant(-1)))))),
      fc.constantFrom('float32', 'int32', 'bool') as fc.Arbitrary<'float32' | 'int32' | 'bool'>,
    ),
  );

/** The slice read element by element from the host copy: the reference. */
function hostSlice(values: ArrayLike<number>, shape: number[], begin: number[], size: number[]): number[] {
  const input = tf.buffer(shape, 'float32', Float32Array.from(values));
  const extent = size.map((s, i) => (s === -1 ? (shape[i] as number) - (begin[i] as number) : s));
  const out: number[] = [];
  const count = extent.reduce((a, b) => a * b, 1);
  for (let flat = 0; flat < count; flat++) {
    const index = extent.length === 0 ? [] : (tf.buffer(extent).indexToLoc(flat) as number[]);
    out.push(input.get(...index.map((v, i) => v + (begin[i] as number))));
  }
  return out;
}

describe('wasm kernels', () => {
  it('Slice copies exactly the requested elements, for every rank, dtype and window', () => {
    fc.assert(
      fc.property(shapeAndSlice, ([shape, window, dtype]) => {
        const begin = window.map(([b]) => b);
        const size = window.map(([, s]) => s);
        const values = Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => (dtype === 'bool' ? i % 2 : i * 7 - 3));
        const x = tf.tensor(values, shape, dtype);
        const y = tf.slice(x, begin, size);
        const got = Array.from(y.dataSync(), Number);
        expect(y.dtype).toBe(dtype);
        expect(got).toEqual(hostSlice(values, shape, begin, size));
        tf.dispose([x, y]);
      }),
      { numRuns: 300 },
    );
  });

  it('Slice past the input\'s end throws, as on the cpu backend (the stock wasm kernel read beyond it)', () => {
    tf.tidy(() => {
      expect(() => tf.slice(tf.ones([1, 2]), [0, 0], [1, 3])).toThrow('begin[1] + size[1] (3) would overflow input.shape[1] (2)');
      expect(() => tf.slice(tf.ones([4]), [3], [2])).toThrow(/would overflow input.shape\[0\] \(4\)/);
    });
  });

  it('Identity and same-dtype Cast share data, and disposing either leaves the other intact', () => {
    const before = tf.memory().numDataBuffers;
    const x = tf.tensor2d([[1, 2], [3, 4]]);
    const copy = tf.clone(x);
    const same = tf.cast(x, 'float32');
    const other = tf.cast(x, 'int32');
    expect(tf.memory().numDataBuffers - before).toBe(2); // x's, and the int32 cast's: the others share x's
    x.dispose();
    expect(Array.from(copy.dataSync())).toEqual([1, 2, 3, 4]);
    copy.dispose();
    expect(Array.from(same.dataSync())).toEqual([1, 2, 3, 4]);
    expect(other.dtype).toBe('int32');
    expect(Array.from(other.dataSync())).toEqual([1, 2, 3, 4]);
    tf.dispose([same, other]);
    expect(tf.memory().numDataBuffers).toBe(before);
  });

  it('a variable assigned after being cloned leaves the clone unchanged', () => {
    const v = tf.variable(tf.tensor1d([1, 2, 3]));
    const c = tf.clone(v);
    v.assign(tf.tensor1d([7, 8, 9]));
    expect(Array.from(c.dataSync())).toEqual([1, 2, 3]);
    expect(Array.from(v.dataSync())).toEqual([7, 8, 9]);
    tf.dispose([v, c]);
  });
});
