import * as tf from '@tensorflow/tfjs-core';

/** Swaps the last two axes (an explicit transpose). */
export function transposeLast(x: tf.Tensor): tf.Tensor {
  const perm = x.shape.map((_, i) => i);
  const n = perm.length;
  [perm[n - 2], perm[n - 1]] = [perm[n - 1] as number, perm[n - 2] as number];
  return tf.transpose(x, perm);
}

const rows = (x: tf.Tensor) => x.shape[x.rank - 2] as number;
const cols = (x: tf.Tensor) => x.shape[x.rank - 1] as number;

/**
 * Relative cost of an element of a matMul's right-hand operand, against an element moved by a
 * transpose: wasm's kernel repacks a right-hand operand it has not seen (~10 ns per element for
 * 500×500, against ~3 ns to transpose it), and in training every operand is new each step.
 */
const PACK = 3;

/**
 * `x · yᵀ` (last two axes; batch axes equal) with plain matMuls only, choosing between
 * `x · transpose(y)` and `transpose(y · transpose(x))` by the elements each transposes and packs.
 *
 * Why it matters on wasm: a transpose flag is ~13× slower than an explicit transpose, and a
 * right-hand operand that was just made (a fresh transpose) is repacked by the matMul kernel,
 * while a reused one (the weights) is not. For `δ · Wᵀ` with δ `[32, 500]` and W `[500, 500]`,
 * transposing the two small operands instead of W measured 1.1 ms against 2.6 ms.
 */
export function matMulBT(x: tf.Tensor, y: tf.Tensor): tf.Tensor {
  const direct = (1 + PACK) * rows(y) * cols(y); // transpose y, pack yᵀ
  const flipped = (1 + PACK) * rows(x) * cols(x) + rows(x) * rows(y); // transpose x, pack xᵀ, transpose back
  return direct <= flipped ? tf.matMul(x, transposeLast(y)) : transposeLast(tf.matMul(y, transposeLast(x)));
}

/** `xᵀ · y` (last two axes; batch axes equal), by the cheaper of the two plain-matMul forms. */
export function matMulAT(x: tf.Tensor, y: tf.Tensor): tf.Tensor {
  const direct = rows(x) * cols(x) + PACK * rows(y) * cols(y); // transpose x, pack y
  const flipped = rows(y) * cols(y) + PACK * rows(x) * cols(x) + cols(x) * cols(y); // transpose y, pack x, transpose back
  return direct <= flipped ? tf.matMul(transposeLast(x), y) : transposeLast(tf.matMul(transposeLast(y), x));
}
