import * as tf from '@tensorflow/tfjs-core';
import { sameTrace, type Jet } from './jet';

/** Features of several jets side by side: `[B, n₁ + n₂ + …]`. The adjoint splits δ back. */
export function concat(parts: readonly Jet[]): Jet {
  if (!Array.isArray(parts) || parts.length === 0) {
    throw new TypeError(`jets.concat: expected a non-empty array of jets, received ${String(parts)}.`);
  }
  const trace = sameTrace('jets.concat', ...parts);
  if (parts.length === 1) return parts[0] as Jet;
  const sizes = parts.map((p) => p.size);
  const value = tf.concat(parts.map((p) => p.value), 1);
  const tangent = tf.concat(parts.map((p) => p.tangent), 2);
  return trace.record(value, tangent, parts, (delta) => ({ deltas: tf.split(delta, sizes, 1) }));
}

/** Features `[start, start + size)` of a jet. The adjoint pads δ with zeros back to the full width. */
export function slice(a: Jet, start: number, size: number): Jet {
  const trace = sameTrace('jets.slice', a);
  if (!Number.isInteger(start) || !Number.isInteger(size) || start < 0 || size < 1 || start + size > a.size) {
    throw new RangeError(
      `jets.slice: features [${start}, ${start + size}) are not within the jet's ${a.size}; ` +
        'start and size must be integers with 0 ≤ start and start + size ≤ size of the jet.',
    );
  }
  const { batch, dim } = trace;
  const value = tf.slice(a.value, [0, start], [batch, size]);
  const tangent = tf.slice(a.tangent, [0, 0, start], [batch, dim, size]);
  return trace.record(value, tangent, [a], (delta) => ({
    deltas: [tf.pad(delta, [
      [0, 0],
      [start, a.size - start - size],
    ])],
  }));
}
