/**
 * The tfjs seed of weight matrix `index` of a network initialised from `seed`: `seed·1000 + index + 1`,
 * never 0, which tfjs's random ops read as "no seed" (`seed ? seed : Math.random()`), silently
 * making the initialisation irreproducible.
 *
 * @param seed - The network's seed.
 * @param index - The weight matrix: 0 for the first layer, and {@link EXTRA_INPUTS_INDEX} for the matrix of the extra inputs.
 * @returns The seed tfjs's `randomNormal` draws that matrix with.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend, layerSeed } from '@lnn/autodiff';
 * await initBackend();
 * const std = 0.1;
 * const w = tf.randomNormal([4, 600], 0, std, 'float32', layerSeed(3, 0)); // seed 3001
 * console.log(layerSeed(3, 0), w.shape); // 3001 [4, 600]
 */
export function layerSeed(seed: number, index: number): number {
  const value = seed * 1000 + index + 1;
  return value === 0 ? 1e9 + index : value;
}

/**
 * The index {@link layerSeed} draws the extra inputs' matrix with (seed `seed·1000 + 1000`), out of
 * the way of the layers' 0, 1, 2, …
 *
 * @example
 * import { EXTRA_INPUTS_INDEX, layerSeed } from '@lnn/autodiff';
 * const seed = 3;
 * console.log(layerSeed(seed, EXTRA_INPUTS_INDEX)); // 4000: out of the way of the layers' 3001, 3002, …
 */
export const EXTRA_INPUTS_INDEX = 999;
