import * as tf from '@tensorflow/tfjs-core';
import { EXTRA_INPUTS_INDEX, layerSeed } from './seeds';

/**
 * How a network's weights are drawn (biases are always 0), both normal with mean 0:
 * - `'paper'`: the LNN paper's, std `c/√n` with n the larger dimension of the matrix, `c = 2.2` for
 *   the first matrix, `0.58·i` for hidden matrix i (1-based), `n` for the output matrix
 *   ({@link paperInitStd});
 * - `'glorot'`: Glorot-normal, std `√(2/(n_in + n_out))` ({@link glorotInitStd}).
 */
export type Initialisation = 'paper' | 'glorot';

/** The initialisations, for validation and listings. */
export const INITIALISATIONS: readonly Initialisation[] = ['paper', 'glorot'];

/**
 * The paper's weight std of matrix `index` of `count`: `c/√n`, n the larger of `nIn` and `nOut`,
 * `c = 2.2` for the first matrix, `0.58·index` for a hidden one, `n` for the output matrix.
 *
 * @param index - Which matrix, 0-based.
 * @param count - How many weight matrices the network has (hidden layers + 1).
 * @param nIn - Rows of the matrix.
 * @param nOut - Columns of the matrix.
 * @returns The standard deviation.
 *
 * @example
 * import { paperInitStd } from '@lnn/autodiff';
 * console.log(paperInitStd(3, 4, 600, 1)); // √600 ≈ 24.49: the output matrix of 4 → 600 → 600 → 600 → 1
 */
export function paperInitStd(index: number, count: number, nIn: number, nOut: number): number {
  const n = Math.max(nIn, nOut);
  const c = index === 0 ? 2.2 : index === count - 1 ? n : 0.58 * index;
  return c / Math.sqrt(n);
}

/**
 * The Glorot-normal weight std `√(2/(n_in + n_out))`.
 *
 * @param nIn - Rows of the matrix.
 * @param nOut - Columns of the matrix.
 * @returns The standard deviation.
 *
 * @example
 * import { glorotInitStd } from '@lnn/autodiff';
 * console.log(glorotInitStd(4, 600)); // √(2/604) ≈ 0.0575
 */
export function glorotInitStd(nIn: number, nOut: number): number {
  return Math.sqrt(2 / (nIn + nOut));
}

/**
 * The weight std of matrix `index` of `count` (`nIn × nOut`) under an initialisation.
 *
 * @example
 * import { initialStd } from '@lnn/autodiff';
 * console.log(initialStd('paper', 0, 4, 4, 600)); // 2.2/√600 ≈ 0.0898
 */
export function initialStd(initialisation: Initialisation, index: number, count: number, nIn: number, nOut: number): number {
  return initialisation === 'paper' ? paperInitStd(index, count, nIn, nOut) : glorotInitStd(nIn, nOut);
}

/**
 * Draws weight matrix `index` of a network of `count` matrices, `[nIn, nOut]`, with tfjs's
 * `randomNormal` seeded by {@link layerSeed}`(seed, index)`: the same numbers for the same seed
 * on the same backend, whatever was drawn before.
 *
 * @example
 * import { initBackend, initialWeight } from '@lnn/autodiff';
 * await initBackend();
 * const w0 = initialWeight('paper', 0, 4, 4, 600, 1); // the first matrix of 4 → 600 → 600 → 600 → 1
 * console.log(w0.shape); // [4, 600]
 */
export function initialWeight(initialisation: Initialisation, index: number, count: number, nIn: number, nOut: number, seed: number): tf.Tensor2D {
  return tf.randomNormal([nIn, nOut], 0, initialStd(initialisation, index, count, nIn, nOut), 'float32', layerSeed(seed, index)) as tf.Tensor2D;
}

/**
 * Draws the matrix of `extraDim` extra per-sample inputs into the first hidden layer of width
 * `first`, `[extraDim, first]`, seeded by `layerSeed(seed, EXTRA_INPUTS_INDEX)`, with the first
 * layer's std for a matrix of `inputs + extraDim` rows (the extra inputs count as first-layer
 * inputs).
 *
 * @example
 * import { initBackend, initialExtraWeight } from '@lnn/autodiff';
 * await initBackend();
 * const we = initialExtraWeight('glorot', 4, 1, 600, 3, 0); // one extra input into a first layer of 600
 * console.log(we.shape); // [1, 600]
 */
export function initialExtraWeight(initialisation: Initialisation, count: number, extraDim: number, first: number, inputs: number, seed: number): tf.Tensor2D {
  const std = initialStd(initialisation, 0, count, inputs + extraDim, first);
  return tf.randomNormal([extraDim, first], 0, std, 'float32', layerSeed(seed, EXTRA_INPUTS_INDEX)) as tf.Tensor2D;
}

/**
 * The weights and zero biases of a network with layer widths `widths` (`[inputs, ...hidden,
 * outputs]`), as plain tensors the caller owns: matrix i is {@link initialWeight}`(…, i, …)`.
 *
 * @param widths - Layer widths, inputs first, at least two.
 * @param initialisation - `'paper'` or `'glorot'`.
 * @param seed - The network's seed.
 * @returns `{ weights, biases }`, `weights[i]` `[widths[i], widths[i + 1]]`.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend, initialParameters, mlpForward } from '@lnn/autodiff';
 * await initBackend();
 * const { weights, biases } = initialParameters([4, 32, 32, 1], 'paper', 0);
 * const f = (x: tf.Tensor2D) => mlpForward({ weights, biases }, x);
 * console.log(f(tf.zeros([3, 4])).shape); // [3, 1]
 */
export function initialParameters(widths: readonly number[], initialisation: Initialisation, seed: number): { weights: tf.Tensor2D[]; biases: tf.Tensor1D[] } {
  const count = widths.length - 1;
  const weights: tf.Tensor2D[] = [];
  const biases: tf.Tensor1D[] = [];
  for (let i = 0; i < count; i++) {
    const [nIn, nOut] = [widths[i] as number, widths[i + 1] as number];
    weights.push(initialWeight(initialisation, i, count, nIn, nOut, seed));
    biases.push(tf.zeros([nOut]) as tf.Tensor1D);
  }
  return { weights, biases };
}
