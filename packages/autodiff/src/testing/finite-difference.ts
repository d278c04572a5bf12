/** A scalar function of a vector on plain float64 numbers. */
export type HostScalarFn = (x: Float64Array) => number;

/** Default steps per order, near the float64 optimum ε^(1/(k+2)) for k-th central differences. */
export const DEFAULT_STEPS: Readonly<Record<1 | 2 | 3, number>> = { 1: 6e-6, 2: 1e-4, 3: 1e-3 };

/**
 * All partial derivatives of order `order` (1, 2 or 3) of `f` at `x` by nested central
 * differences in float64: a `Float64Array` of `dᵒʳᵈᵉʳ` entries, row-major over `(i, j, k)`.
 * The step along axis `i` is `h · max(1, |xᵢ|)`.
 *
 * @example
 * import { finiteDifference } from '@lnn/autodiff/testing';
 * const hessian = finiteDifference((x) => x[0] ** 2 * x[1], [1, 2], 2);
 * console.log(hessian); // ≈ [4, 2, 2, 0]
 */
export function finiteDifference(f: HostScalarFn, x: ArrayLike<number>, order: 1 | 2 | 3, h: number = DEFAULT_STEPS[order]): Float64Array {
  const d = x.length;
  const base = Float64Array.from(x);
  const steps = Array.from(base, (v) => h * Math.max(1, Math.abs(v)));
  const out = new Float64Array(d ** order);
  const point = new Float64Array(d);
  // D_{axes}(f)(p) by recursion: (D_{rest}(f)(p + hᵢeᵢ) − D_{rest}(f)(p − hᵢeᵢ)) / 2hᵢ.
  const diff = (axes: readonly number[], p: Float64Array): number => {
    if (axes.length === 0) return f(p);
    const [i, ...rest] = axes as [number, ...number[]];
    const hi = steps[i] as number;
    const saved = p[i] as number;
    p[i] = saved + hi;
    const plus = diff(rest, p);
    p[i] = saved - hi;
    const minus = diff(rest, p);
    p[i] = saved;
    return (plus - minus) / (2 * hi);
  };
  for (let flat = 0; flat < out.length; flat++) {
    const axes: number[] = [];
    for (let r = flat, k = 0; k < order; k++, r = Math.floor(r / d)) axes.unshift(r % d);
    point.set(base);
    out[flat] = diff(axes, point);
  }
  return out;
}
