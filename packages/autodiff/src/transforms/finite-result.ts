import type * as tf from '@tensorflow/tfjs-core';

/**
 * Throws a RangeError naming `where`, `name` and the first non-finite entry of a `[B, n]` tensor
 * (its sample and its column, called `column`) — reading its values back, so for entry points,
 * not hot paths.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { assertFinite, initBackend } from '@lnn/autodiff';
 * await initBackend();
 * const q = tf.tensor2d([[0, 1], [2, NaN]]);
 * try {
 *   assertFinite('graphEnergy', 'q', q, 'node');
 * } catch (e) {
 *   console.log((e as RangeError).message); // graphEnergy: q must be finite, received NaN at sample 1, node 1.
 * }
 */
export function assertFinite(where: string, name: string, t: tf.Tensor, column = 'input'): void {
  const values = t.dataSync();
  const width = t.shape[1] ?? 1;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i] as number)) {
      throw new RangeError(`${where}: ${name} must be finite, received ${values[i]} at sample ${Math.floor(i / width)}, ${column} ${i % width}.`);
    }
  }
}

/**
 * Throws a RangeError naming `where` when any of `outputs` holds a non-finite entry — finite
 * inputs whose derivatives overflow float32 — instead of returning a silent NaN or ±Infinity.
 * Reads the outputs (they are small: per-sample values, gradients, Hessians).
 */
export function finiteResult(where: string, outputs: readonly tf.Tensor[]): void {
  for (const t of outputs) {
    const values = t.dataSync();
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i] as number)) {
        throw new RangeError(`${where}: the result is not finite (${values[i]} at entry ${i} of a [${t.shape.join(', ')}] output): f overflows float32 at this x; rescale the inputs or the function.`);
      }
    }
  }
}

/**
 * `result` if its `outputs` are finite ({@link finiteResult}); else disposes them and throws.
 * With `checkFinite` false, `result` unread.
 */
export function checked<T>(where: string, result: T, outputs: readonly tf.Tensor[], checkFinite = true): T {
  if (!checkFinite) return result;
  try {
    finiteResult(where, outputs);
  } catch (error) {
    for (const t of outputs) t.dispose();
    throw error;
  }
  return result;
}
