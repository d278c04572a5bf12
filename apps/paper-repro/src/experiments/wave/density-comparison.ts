import * as tf from '@tensorflow/tfjs-core';
import type { GraphLagrangian } from '@lnn/graph-lagrangian';

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
  /**
   * With `options.states`: the whole L (sum over the ring) learned and true at those states, and
   * the same fit. Terms that telescope along the ring (a null Lagrangian f(φᵢ₊₁) − f(φᵢ)) change
   * the density pointwise but not this sum.
   */
  readonly total?: { readonly learned: Float64Array; readonly truth: Float64Array; readonly scale: number; readonly offset: number; readonly relativeResidual: number };
}

/** Least squares `y ≈ scale·x + offset` and the relative RMS residual. */
function fit(x: Float64Array, y: Float64Array): { scale: number; offset: number; relativeResidual: number } {
  const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
  const [mx, my] = [mean(x), mean(y)];
  let [sxy, sxx] = [0, 0];
  for (let r = 0; r < x.length; r++) {
    sxy += (x[r]! - mx) * (y[r]! - my);
    sxx += (x[r]! - mx) ** 2;
  }
  const scale = sxy / sxx;
  const offset = my - scale * mx;
  let [res, spread] = [0, 0];
  for (let r = 0; r < x.length; r++) {
    res += (y[r]! - scale * x[r]! - offset) ** 2;
    spread += (y[r]! - my) ** 2;
  }
  return { scale, offset, relativeResidual: Math.sqrt(res / Math.max(spread, Number.MIN_VALUE)) };
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
export function compareDensity(
  model: GraphLagrangian,
  options: { readonly values?: readonly number[]; readonly dx?: number; readonly states?: { readonly q: ArrayLike<number>; readonly qdot: ArrayLike<number> } } = {},
): DensityComparison {
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
  const comparison = { slope, velocity, learned, truth, ...fit(truth, learned) };
  if (options.states === undefined) return comparison;
  const n = model.dof;
  const { q, qdot } = options.states;
  const count = q.length / n;
  if (!Number.isInteger(count) || count < 2 || qdot.length !== q.length) {
    throw new TypeError(`compareDensity: options.states must hold q and qdot of N·${n} numbers each (N ≥ 2), received ${q.length} and ${qdot.length}.`);
  }
  const totals = tf.tidy(() => model.density.wholeTensor(model.graph)(tf.concat([tf.tensor2d(Float32Array.from(q), [count, n]), tf.tensor2d(Float32Array.from(qdot), [count, n])], 1) as tf.Tensor2D));
  const totalLearned = Float64Array.from(totals.dataSync());
  totals.dispose();
  const totalTruth = Float64Array.from({ length: count }, (_, b) => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const next = model.graph.config.kind === 'ring' ? (q[b * n + ((i + 1) % n)] as number) : i + 1 < n ? (q[b * n + i + 1] as number) : 0;
      sum += 0.5 * ((qdot[b * n + i] as number) ** 2 - ((next - (q[b * n + i] as number)) / dx) ** 2) * dx;
    }
    if (model.graph.config.kind !== 'ring') sum -= (0.5 * (q[b * n] as number) ** 2) / dx; // the clamped left edge
    return sum;
  });
  return { ...comparison, total: { learned: totalLearned, truth: totalTruth, ...fit(totalTruth, totalLearned) } };
}
