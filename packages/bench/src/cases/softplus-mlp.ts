import * as tf from '@tensorflow/tfjs-core';
import { jets, type Jet } from '@lnn/autodiff';

/** A softplus MLP's parameters, initialised as the paper does (biases 0, std c/√n). */
export interface MlpParams {
  readonly weights: tf.Tensor2D[];
  readonly biases: tf.Tensor1D[];
}

/** Paper initialisation: c = 2.2 first, 0.58·i hidden, n output; n the larger dimension. */
export function initMlp(widths: readonly number[], seed: number): MlpParams {
  const weights: tf.Tensor2D[] = [];
  const biases: tf.Tensor1D[] = [];
  const last = widths.length - 2;
  for (let i = 0; i <= last; i++) {
    const [nIn, nOut] = [widths[i] as number, widths[i + 1] as number];
    const n = Math.max(nIn, nOut);
    const c = i === 0 ? 2.2 : i === last ? n : 0.58 * i;
    // +1: tfjs reads a seed of 0 as "no seed".
    weights.push(tf.randomNormal([nIn, nOut], 0, c / Math.sqrt(n), 'float32', seed * 1000 + i + 1) as tf.Tensor2D);
    biases.push(tf.zeros([nOut]) as tf.Tensor1D);
  }
  return { weights, biases };
}

/** The MLP on plain tensors (the general path differentiates this). */
export function mlpTensor(weights: readonly tf.Tensor[], biases: readonly tf.Tensor[]) {
  return (x: tf.Tensor2D): tf.Tensor1D => {
    let h: tf.Tensor = x;
    weights.forEach((w, i) => {
      h = tf.add(tf.matMul(h, w as tf.Tensor2D), biases[i] as tf.Tensor);
      if (i + 1 < weights.length) h = tf.softplus(h);
    });
    return tf.reshape(h, [-1]) as tf.Tensor1D;
  };
}

/** The same MLP with jet primitives (the fast path). */
export function mlpJet(weights: readonly tf.Tensor[], biases: readonly tf.Tensor[]) {
  return (x: Jet): Jet => {
    let h = x;
    weights.forEach((w, i) => {
      h = jets.dense(h, w as tf.Tensor2D, biases[i] as tf.Tensor1D);
      if (i + 1 < weights.length) h = jets.softplus(h);
    });
    return h;
  };
}
