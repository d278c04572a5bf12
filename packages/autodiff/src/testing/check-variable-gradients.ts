import * as tf from '@tensorflow/tfjs-core';

/** Options of {@link checkVariableGradients}. */
export interface CheckVariableGradientsOptions {
  /** Random directions to compare along. @default 3 */
  readonly directions?: number;
  /** Seed of the directions (every entry ±1). @default 0 */
  readonly seed?: number;
  /**
   * Central-difference step along a direction: every entry of every variable moves by ±`step`.
   * Float32 trade-off: the loss's rounding (~1e-7 relative) is divided by `step`, the truncation
   * error grows with `step²`; 1e-3 keeps both near 1e-4 of an O(1) loss. @default 1e-3
   */
  readonly step?: number;
  /** Relative tolerance on each directional derivative. @default 1e-2 */
  readonly rtol?: number;
  /**
   * Absolute tolerance. @default 1e-6 · max(1, |loss|) / step — about ten float32 roundings of
   * the loss, as the central difference magnifies them
   */
  readonly atol?: number;
}

/** One direction's comparison. */
export interface DirectionalCheck {
  /** `∇loss · u` from `tf.variableGrads` (a variable the loss does not reach counts as 0). */
  readonly autodiff: number;
  /** `(loss(θ + h u) − loss(θ − h u)) / 2h`, evaluated in the variables' own precision. */
  readonly finiteDifference: number;
}

/**
 * Checks the gradient of a scalar `loss()` with respect to `variables` (e.g. a model's weights)
 * against central differences of the loss itself, along random ±1 directions: the check for a
 * training loss whose float64 reference does not exist. The variables are moved and put back
 * exactly; no tensors are left behind. Throws, naming the direction and both values, on a
 * mismatch.
 *
 * @returns one comparison per direction.
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend } from '@lnn/autodiff';
 * import { checkVariableGradients } from '@lnn/autodiff/testing';
 * await initBackend();
 * const w = tf.variable(tf.tensor1d([0.3, -0.7]));
 * const checks = checkVariableGradients(() => tf.sum(tf.square(tf.sin(w))) as tf.Scalar, [w]); // throws on a wrong gradient
 * console.log(checks.length); // 3: one comparison per direction
 */
export function checkVariableGradients(loss: () => tf.Scalar, variables: readonly tf.Variable[], options: CheckVariableGradientsOptions = {}): DirectionalCheck[] {
  const where = 'checkVariableGradients';
  const { directions = 3, seed = 0, step = 1e-3, rtol = 1e-2 } = options;
  if (!Array.isArray(variables) || variables.length === 0) throw new TypeError(`${where}: variables must be a non-empty array of tf.Variable, received ${String(variables)}.`);
  if (!Number.isInteger(directions) || directions < 1) throw new TypeError(`${where}: options.directions must be a positive integer, received ${String(directions)}.`);
  if (!(step > 0 && Number.isFinite(step))) throw new TypeError(`${where}: options.step must be a positive finite number, received ${String(step)}.`);
  const value = (): number => {
    const l = tf.tidy(loss);
    if (l.size !== 1) {
      l.dispose();
      throw new TypeError(`${where}: loss must return a scalar, received shape [${l.shape.join(', ')}].`);
    }
    const x = l.dataSync()[0] as number;
    l.dispose();
    return x;
  };
  const atol = options.atol ?? (1e-6 * Math.max(1, Math.abs(value()))) / step;
  const { value: at0, grads } = tf.variableGrads(loss, [...variables]);
  const gradients = variables.map((v) => Float64Array.from(grads[v.name] === undefined ? new Float32Array(v.size) : (grads[v.name] as tf.Tensor).dataSync()));
  tf.dispose([at0, ...Object.values(grads)]);
  const saved = variables.map((v) => tf.clone(v));
  let state = seed >>> 0 || 1;
  // xorshift32: a host sequence of ±1, the same for the same seed on every backend.
  const sign = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state & 1 ? 1 : -1;
  };
  const results: DirectionalCheck[] = [];
  try {
    for (let k = 0; k < directions; k++) {
      const u = variables.map((v) => Float32Array.from({ length: v.size }, sign));
      const autodiff = gradients.reduce((sum, g, i) => g.reduce((s, gj, j) => s + gj * ((u[i] as Float32Array)[j] as number), sum), 0);
      const at = (h: number) => {
        variables.forEach((v, i) => tf.tidy(() => v.assign(tf.add(saved[i] as tf.Tensor, tf.mul(h, tf.tensor(u[i] as Float32Array, v.shape))))));
        return value();
      };
      const finiteDifference = (at(step) - at(-step)) / (2 * step);
      results.push({ autodiff, finiteDifference });
      if (!(Math.abs(autodiff - finiteDifference) <= atol + rtol * Math.abs(finiteDifference))) {
        throw new Error(`${where}: along direction ${k} (seed ${seed}) the gradient gives ${autodiff}, central differences ${finiteDifference} (step ${step}; tolerance ${atol} + ${rtol} relative).`);
      }
    }
  } finally {
    variables.forEach((v, i) => v.assign(saved[i] as tf.Tensor));
    tf.dispose(saved);
  }
  return results;
}
