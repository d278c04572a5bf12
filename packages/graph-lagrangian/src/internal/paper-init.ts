import * as tf from '@tensorflow/tfjs-core';
import { layerSeed, paperInitStd } from '@lnn/lagrangian';

/** Weights and biases of an MLP with widths `[in, ...hidden, 1]`, initialised as the paper. */
export function paperMlpVariables(widths: readonly number[], seed: number): { weights: tf.Variable[]; biases: tf.Variable[] } {
  const count = widths.length - 1;
  const weights: tf.Variable[] = [];
  const biases: tf.Variable[] = [];
  for (let i = 0; i < count; i++) {
    const [nIn, nOut] = [widths[i]!, widths[i + 1]!];
    const std = paperInitStd(i, count, nIn, nOut);
    weights.push(tf.tidy(() => tf.variable(tf.randomNormal([nIn, nOut], 0, std, 'float32', layerSeed(seed, i)), true)));
    biases.push(tf.tidy(() => tf.variable(tf.zeros([nOut]), true)));
  }
  return { weights, biases };
}
