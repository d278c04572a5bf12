/** Shared fixtures of the graph-system tests: a general Euler–Lagrange solve by finite differences of L, comparisons. */
import { luFactor, luSolveVector } from '@lnn/linalg';
import { expect } from 'vitest';
import type { MechanicalSystem } from '../system';

/**
 * q̈ from L alone, the general way: `H_vv q̈ = ∇_q L − H_vq q̇` with every derivative a central
 * finite difference of `system.lagrangian` (∇_q L fourth order at step `h`; the second derivatives
 * by the four-point mixed difference at step `h2`), solved on the `free` coordinates (the others
 * get 0). No use of the system's own derivatives or accelerations. Steps: the mixed differences
 * are exact (truncation error 0) for any L quadratic in v with no q–v coupling, as the wave and
 * spring Lagrangians are, so `h2` is large (rounding ε|L|/h2² stays ~1e-13); the fourth-order
 * ∇_q L has truncation h⁴·∂⁵L/30 (zero for the quadratic wave L, ~1e-13 for springs at h = 1e-3).
 */
export function finiteDifferenceAcceleration(system: MechanicalSystem, q: Float64Array, v: Float64Array, free: (c: number) => boolean = () => true, h = 1e-3, h2 = 0.1): Float64Array {
  const d = system.dof;
  const L = (dq: Float64Array, dv: Float64Array) => system.lagrangian(dq, dv);
  const bump = (x: Float64Array, pairs: [number, number][]) => {
    const y = Float64Array.from(x);
    for (const [i, s] of pairs) y[i] = (y[i] as number) + s;
    return y;
  };
  const gradQ = (i: number) => (-L(bump(q, [[i, 2 * h]]), v) + 8 * L(bump(q, [[i, h]]), v) - 8 * L(bump(q, [[i, -h]]), v) + L(bump(q, [[i, -2 * h]]), v)) / (12 * h);
  const mixed = (f: (s: number, t: number) => number) => (f(h2, h2) - f(h2, -h2) - f(-h2, h2) + f(-h2, -h2)) / (4 * h2 * h2);
  const rows = Array.from({ length: d }, (_, c) => c).filter(free);
  const f = rows.length;
  const hvv = new Float64Array(f * f);
  const rhs = new Float64Array(f);
  rows.forEach((i, a) => {
    let hvqv = 0;
    for (let j = 0; j < d; j++) hvqv += mixed((s, t) => L(bump(q, [[j, t]]), bump(v, [[i, s]]))) * (v[j] as number);
    rhs[a] = gradQ(i) - hvqv;
    rows.forEach((j, b) => (hvv[a * f + b] = mixed((s, t) => L(q, bump(v, [[i, s], [j, t]])))));
  });
  const perm = new Int32Array(f);
  if (luFactor(hvv, f, perm) !== -1) throw new Error('finiteDifferenceAcceleration: H_vv is singular on the free coordinates.');
  luSolveVector(hvv, f, perm, rhs, new Float64Array(f));
  const out = new Float64Array(d);
  rows.forEach((i, a) => (out[i] = rhs[a] as number));
  return out;
}

/** max |actual − expected| / max |expected| (∞-norm relative), or the absolute error when expected is 0. */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let [err, scale] = [0, 0];
  for (let i = 0; i < expected.length; i++) {
    err = Math.max(err, Math.abs((actual[i] as number) - (expected[i] as number)));
    scale = Math.max(scale, Math.abs(expected[i] as number));
  }
  return scale > 0 ? err / scale : err;
}

/** `relativeError(actual, expected) ≤ rtol`, with a message naming what was compared. */
export function expectRelative(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number, what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  const err = relativeError(actual, expected);
  if (!(err <= rtol)) expect.fail(`${what}: relative error ${err} > ${rtol}`);
}
