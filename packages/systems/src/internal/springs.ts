/**
 * Linear springs along edges (`[E, 2]`) of rest length ℓ and stiffness k between points in the
 * plane (q = [x₀, y₀, x₁, y₁, …]): V = Σ ½ k (|xᵢ − xⱼ| − ℓ)², its gradient and Hessian.
 */

/** |xᵢ − xⱼ| > 0, or a RangeError saying why not (coincident nodes, or a non-finite position). */
function separation(where: string, e: number, i: number, j: number, dx: number, dy: number): number {
  const r = Math.sqrt(dx * dx + dy * dy);
  if (!(r > 0)) {
    throw new RangeError(
      r === 0
        ? `${where}: nodes ${i} and ${j} of spring ${e} are at the same point; the spring force has no direction there.`
        : `${where}: the positions of nodes ${i} and ${j} are not finite (${dx}, ${dy} apart).`,
    );
  }
  return r;
}

/** `V = Σ_edges ½ k (|xᵢ − xⱼ| − ℓ)²`. */
export function springPotential(edges: Int32Array, rest: Float64Array, k: number, q: ArrayLike<number>): number {
  let sum = 0;
  for (let e = 0; e < rest.length; e++) {
    const i = edges[2 * e] as number;
    const j = edges[2 * e + 1] as number;
    const dx = (q[2 * i] as number) - (q[2 * j] as number);
    const dy = (q[2 * i + 1] as number) - (q[2 * j + 1] as number);
    const r = Math.sqrt(dx * dx + dy * dy); // (Math.hypot is several times slower)
    sum += (r - (rest[e] as number)) ** 2;
  }
  return 0.5 * k * sum;
}

/** The spring forces `−∂V/∂q` into `out` (`[2n]`), O(E). */
export function springForces(edges: Int32Array, rest: Float64Array, k: number, q: ArrayLike<number>, out: Float64Array): void {
  out.fill(0);
  for (let e = 0; e < rest.length; e++) {
    const i = edges[2 * e] as number;
    const j = edges[2 * e + 1] as number;
    const dx = (q[2 * i] as number) - (q[2 * j] as number);
    const dy = (q[2 * i + 1] as number) - (q[2 * j + 1] as number);
    const r = separation('springNetwork', e, i, j, dx, dy);
    const f = (k * (r - (rest[e] as number))) / r; // tension per unit separation
    out[2 * i] = (out[2 * i] as number) - f * dx;
    out[2 * i + 1] = (out[2 * i + 1] as number) - f * dy;
    out[2 * j] = (out[2 * j] as number) + f * dx;
    out[2 * j + 1] = (out[2 * j + 1] as number) + f * dy;
  }
}

/**
 * `−∂²V/∂q²` as a dense row-major `[2n, 2n]` matrix: each spring adds
 * `K = k ((1 − ℓ/r) I + (ℓ/r) u uᵀ)` (u = (xᵢ − xⱼ)/r) to the (i, i) and (j, j) blocks of ∂²V
 * and −K to (i, j) and (j, i).
 */
export function springHessian(edges: Int32Array, rest: Float64Array, k: number, q: ArrayLike<number>, out: Float64Array): void {
  const d = Math.round(Math.sqrt(out.length));
  out.fill(0);
  for (let e = 0; e < rest.length; e++) {
    const [i, j] = [edges[2 * e] as number, edges[2 * e + 1] as number];
    const dx = (q[2 * i] as number) - (q[2 * j] as number);
    const dy = (q[2 * i + 1] as number) - (q[2 * j + 1] as number);
    const r = separation('springNetwork.lagrangianHessian', e, i, j, dx, dy);
    const ratio = (rest[e] as number) / r;
    const u = [dx / r, dy / r];
    for (let a = 0; a < 2; a++) {
      for (let b = 0; b < 2; b++) {
        const kab = k * ((a === b ? 1 - ratio : 0) + ratio * (u[a] as number) * (u[b] as number));
        for (const [p, s, sign] of [[i, i, -1], [j, j, -1], [i, j, 1], [j, i, 1]] as const) {
          const at = (2 * p + a) * d + 2 * s + b;
          out[at] = (out[at] as number) + sign * kab;
        }
      }
    }
  }
}
