/**
 * Scaled RMS norm of a local error estimate over one state (components `start … start+dim`):
 * `sqrt(mean((eᵢ / (atol + rtol·max(|y₀ᵢ|, |y₁ᵢ|)))²))` — Hairer's norm; a step is accepted at ≤ 1.
 */
export function errorNorm(
  error: Float64Array,
  y0: Float64Array,
  y1: Float64Array,
  start: number,
  dim: number,
  rtol: number,
  atol: number,
): number {
  let sum = 0;
  for (let i = start; i < start + dim; i++) {
    const scale = atol + rtol * Math.max(Math.abs(y0[i] as number), Math.abs(y1[i] as number));
    const r = (error[i] as number) / scale;
    sum += r * r;
  }
  return Math.sqrt(sum / dim);
}

/** The factor to multiply h by after a step with error norm `err` (≤ 1 accepted). */
export function stepFactor(err: number, order: number, rejectedBefore: boolean): number {
  const safety = 0.9;
  const facMin = 0.2;
  const facMax = rejectedBefore ? 1 : 10;
  if (err === 0) return facMax;
  return Math.min(facMax, Math.max(facMin, safety * err ** (-1 / (order + 1))));
}

/**
 * Hairer's starting step (HNW I, II.4): from the sizes of y₀, f(t₀, y₀) and of a trial Euler
 * step's change in f, so that the first step's error is about the tolerance.
 */
export function initialStep(
  f: (t: number, y: Float64Array, dy: Float64Array) => void,
  t0: number,
  y0: Float64Array,
  f0: Float64Array,
  order: number,
  rtol: number,
  atol: number,
  direction: number,
): number {
  const n = y0.length;
  let d0 = 0;
  let d1 = 0;
  for (let i = 0; i < n; i++) {
    const sc = atol + rtol * Math.abs(y0[i] as number);
    d0 += ((y0[i] as number) / sc) ** 2;
    d1 += ((f0[i] as number) / sc) ** 2;
  }
  d0 = Math.sqrt(d0 / n);
  d1 = Math.sqrt(d1 / n);
  const h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * (d0 / d1);
  const y1 = new Float64Array(n);
  for (let i = 0; i < n; i++) y1[i] = (y0[i] as number) + direction * h0 * (f0[i] as number);
  const f1 = new Float64Array(n);
  f(t0 + direction * h0, y1, f1);
  let d2 = 0;
  for (let i = 0; i < n; i++) {
    const sc = atol + rtol * Math.abs(y0[i] as number);
    d2 += (((f1[i] as number) - (f0[i] as number)) / sc) ** 2;
  }
  d2 = Math.sqrt(d2 / n) / h0;
  const big = Math.max(d1, d2);
  const h1 = big <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : (0.01 / big) ** (1 / (order + 1));
  return Math.min(100 * h0, h1);
}
