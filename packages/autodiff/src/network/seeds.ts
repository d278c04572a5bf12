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
 * tf.randomNormal([4, 600], 0, std, 'float32', layerSeed(3, 0)); // seed 3001
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
 * layerSeed(seed, EXTRA_INPUTS_INDEX);
 */
export const EXTRA_INPUTS_INDEX = 999;
