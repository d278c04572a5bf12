import * as tf from '@tensorflow/tfjs-core';
import type { GraphLagrangian } from './graph-lagrangian';

/** The learned density beside the true one on a grid of (∂φ/∂x, φ̇). */
export interface DensityComparison {
  /** Grid of slopes ∂φ/∂x and velocities φ̇, `[G]` each (all pairs). */
  readonly slope: Float64Array;
  readonly velocity: Float64Array;
  /** The model's density at a linear field of that slope moving at that velocity. */
  readonly learned: Float64Array;
  /** `½ (φ̇² − (∂φ/∂x)²)`. */
  readonly truth: Float64Array;
  /** Least-squares fit learned ≈ scale · truth + offset (a Lagrangian is only defined up to these). */
  readonly scale: number;
  readonly offset: number;
  /** RMS of the fit's residual over the RMS spread of the learned values: 0 is a perfect match. */
  readonly relativeResidual: number;
}

/**
 * Evaluates a ring or fixed-ends model's density on linear fields: the term's inputs are
 * `φ = (−s·Δx, 0, s·Δx)`, `φ̇ = (v, v, v)` for every slope s and velocity v of the grid, and compares
 * it with `½ (v² − s²)` after fitting the scale and offset that a Lagrangian leaves free.
 *
 * @example
 * const c = compareDensity(model, { values: [-1, -0.5, 0, 0.5, 1], dx: 1 });
 * c.relativeResidual; // ≪ 1 when the density was learned
 */
export function compareDensity(model: GraphLagrangian, options: { readonly values?: readonly number[]; readonly dx?: number } = {}): DensityComparison {
  if (model.graph.neighbourhoodSize !== 3) {
    throw new TypeError(`compareDensity: the model's terms must see 3 nodes (a ring or fixed-ends graph), received ${model.graph.neighbourhoodSize}.`);
  }
  const { values = Array.from({ length: 9 }, (_, i) => -1 + i / 4), dx = 1 } = options;
  const g = values.length ** 2;
  const slope = new Float64Array(g);
  const velocity = new Float64Array(g);
  const inputs = new Float32Array(g * 6);
  values.forEach((s, i) =>
    values.forEach((v, j) => {
      const r = i * values.length + j;
      [slope[r], velocity[r]] = [s, v];
      inputs.set([-s * dx, 0, s * dx, v, v, v], r * 6);
    }),
  );
  const out = tf.tidy(() => model.density.tensor(tf.tensor2d(inputs, [g, 6])));
  const learned = Float64Array.from(out.dataSync());
  out.dispose();
  const truth = Float64Array.from({ length: g }, (_, r) => 0.5 * (velocity[r]! ** 2 - slope[r]! ** 2));
  const mean = (a: Float64Array) => a.reduce((s, x) => s + x, 0) / a.length;
  const [mt, ml] = [mean(truth), mean(learned)];
  let [stl, stt] = [0, 0];
  for (let r = 0; r < g; r++) {
    stl += (truth[r]! - mt) * (learned[r]! - ml);
    stt += (truth[r]! - mt) ** 2;
  }
  const scale = stl / stt;
  const offset = ml - scale * mt;
  let [res, spread] = [0, 0];
  for (let r = 0; r < g; r++) {
    res += (learned[r]! - scale * truth[r]! - offset) ** 2;
    spread += (learned[r]! - ml) ** 2;
  }
  return { slope, velocity, learned, truth, scale, offset, relativeResidual: Math.sqrt(res / Math.max(spread, Number.MIN_VALUE)) };
}
