import * as tf from '@tensorflow/tfjs-core';
import { Jet, overInputs, sameTrace, unbroadcastDelta } from './jet';
import { weightedGram } from './weighted-gram';

/** A constant operand: a number, or a tensor broadcastable to `[B, n]` (`[n]`, `[1, n]`, `[B, 1]`, `[B, n]`). */
export type Constant = number | tf.Tensor;

function checkSizes(where: string, a: Jet, b: Jet): number {
  if (a.size !== b.size && a.size !== 1 && b.size !== 1) {
    throw new TypeError(`${where}: operands have ${a.size} and ${b.size} features; they must match, or one must have 1.`);
  }
  return Math.max(a.size, b.size);
}

/** `[n]` and `[B, n]` constants as `[·, n]`, so they broadcast over the batch and, expanded, over inputs. */
function asRows(c: Constant): tf.Tensor {
  if (typeof c === 'number') return tf.scalar(c);
  return c.rank === 1 ? tf.reshape(c, [1, c.shape[0] as number]) : c;
}

/** `a + b`: jets of equal size (or size 1, broadcast), or a jet and a constant. */
export function add(a: Jet, b: Jet | Constant): Jet {
  if (!(b instanceof Jet)) {
    const trace = sameTrace('jets.add', a);
    return trace.record(tf.add(a.value, asRows(b)), a.tangent, [a], (delta) => ({ deltas: [delta] }));
  }
  const trace = sameTrace('jets.add', a, b);
  checkSizes('jets.add', a, b);
  return trace.record(tf.add(a.value, b.value), tf.add(a.tangent, b.tangent), [a, b], (delta) => ({
    deltas: [unbroadcastDelta(delta, a.size), unbroadcastDelta(delta, b.size)],
  }));
}

/** `−a`. */
export function neg(a: Jet): Jet {
  return scale(a, -1);
}

/** `a − b`. */
export function sub(a: Jet, b: Jet | Constant): Jet {
  if (!(b instanceof Jet)) return add(a, typeof b === 'number' ? -b : tf.neg(b));
  return add(a, neg(b));
}

/** `c ⊙ a` for a constant `c` (a parameter of the function, not differentiated with respect to). */
export function scale(a: Jet, c: Constant): Jet {
  const trace = sameTrace('jets.scale', a);
  const rows = asRows(c);
  return trace.record(tf.mul(a.value, rows), tf.mul(a.tangent, overInputs(rows)), [a], (delta) => ({
    deltas: [unbroadcastDelta(tf.mul(delta, rows), a.size)],
  }));
}

/**
 * `a ⊙ b`, elementwise. With two jets the product rule gives the tangent `J_a ⊙ b + a ⊙ J_b` and
 * the Hessian term `Σᵢ δᵢ (J_{a,i} J_{b,i}ᵀ + J_{b,i} J_{a,i}ᵀ)`; with a constant it is `scale`.
 */
export function mul(a: Jet, b: Jet | Constant): Jet {
  if (!(b instanceof Jet)) return scale(a, b);
  const trace = sameTrace('jets.mul', a, b);
  checkSizes('jets.mul', a, b);
  const tangent = tf.add(tf.mul(a.tangent, overInputs(b.value)), tf.mul(b.tangent, overInputs(a.value)));
  return trace.record(tf.mul(a.value, b.value), tangent, [a, b], (delta) => {
    const cross = weightedGram(a.tangent, delta, b.tangent);
    return {
      deltas: [unbroadcastDelta(tf.mul(delta, b.value), a.size), unbroadcastDelta(tf.mul(delta, a.value), b.size)],
      hessian: tf.add(cross, tf.transpose(cross, [0, 2, 1])),
    };
  });
}
