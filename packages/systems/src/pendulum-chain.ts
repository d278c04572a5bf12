import { luFactor, luSolveVector, singularTolerance } from '@lnn/linalg';
import { integerAtLeast, positive } from './internal/check';
import type { MechanicalSystem } from './system';

/** Parameters of {@link pendulumChain}. */
export interface PendulumChainParameters {
  /** Number of links n = d (≥ 1). @default 3 */
  readonly n?: number;
  /** Link masses (one per link, or one for all). @default 1 */
  readonly masses?: number | readonly number[];
  /** Link lengths (one per link, or one for all). @default 1 */
  readonly lengths?: number | readonly number[];
  /** @default 9.8 */
  readonly g?: number;
}

/**
 * A planar chain of n point-mass pendulums, θⱼ from the downward vertical — d = n, for scaling
 * studies. With μⱼ = Σ_{i≥j} mᵢ and `M_jk = μ_max(j,k) lⱼ lₖ cos(θⱼ − θₖ)`:
 * `L = ½ ω·Mω + g Σⱼ μⱼ lⱼ cos θⱼ`, and the equations of motion
 * `Σₖ M_jk θ̈ₖ = −Σₖ μ_max(j,k) lⱼ lₖ sin(θⱼ − θₖ) ωₖ² − g μⱼ lⱼ sin θⱼ` (solved for θ̈).
 * n = 2 is the double pendulum.
 *
 * @example
 * import { pendulumChain } from '@lnn/systems';
 * const chain = pendulumChain({ n: 10 });
 * const qdd = new Float64Array(chain.dof);
 * chain.acceleration(new Float64Array(10).fill(0.1), new Float64Array(10), qdd);
 * console.log(chain.dof, qdd[0]); // 10, the first link's angular acceleration
 */
export function pendulumChain(parameters: PendulumChainParameters = {}): MechanicalSystem {
  const where = 'pendulumChain';
  const n = integerAtLeast(where, 'n (links)', parameters.n ?? 3, 1);
  const list = (name: string, value: number | readonly number[] | undefined): number[] => {
    if (value === undefined) return new Array<number>(n).fill(1);
    if (typeof value === 'number') return new Array<number>(n).fill(positive(where, name, value));
    if (value.length !== n) throw new RangeError(`${where}: ${name} must have ${n} entries (one per link), received ${value.length}.`);
    return value.map((x, i) => positive(where, `${name}[${i}]`, x));
  };
  const m = list('masses', parameters.masses);
  const l = list('lengths', parameters.lengths);
  const g = positive(where, 'g', parameters.g ?? 9.8, true);
  const mu = m.map((_, j) => m.slice(j).reduce((s, x) => s + x, 0));
  const coef = (j: number, k: number) => (mu[Math.max(j, k)] as number) * (l[j] as number) * (l[k] as number);
  const massMatrix = (q: ArrayLike<number>, out: Float64Array) => {
    for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) out[j * n + k] = coef(j, k) * Math.cos((q[j] as number) - (q[k] as number));
  };
  const M = new Float64Array(n * n);
  const perm = new Int32Array(n);
  const work = new Float64Array(n);
  const kinetic = (q: ArrayLike<number>, v: ArrayLike<number>) => {
    massMatrix(q, M);
    let s = 0;
    for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) s += 0.5 * (M[j * n + k] as number) * (v[j] as number) * (v[k] as number);
    return s;
  };
  const potential = (q: ArrayLike<number>) => {
    let s = 0;
    for (let j = 0; j < n; j++) s -= g * (mu[j] as number) * (l[j] as number) * Math.cos(q[j] as number);
    return s;
  };
  return {
    name: 'pendulum-chain',
    dof: n,
    coordinates: Array.from({ length: n }, (_, j) => `theta${j + 1}`),
    parameters: { n, g, ...Object.fromEntries(m.map((x, j) => [`m${j + 1}`, x])), ...Object.fromEntries(l.map((x, j) => [`l${j + 1}`, x])) },
    lagrangian: (q, v) => kinetic(q, v) - potential(q),
    energy: (q, v) => kinetic(q, v) + potential(q),
    acceleration(q, v, out) {
      massMatrix(q, M);
      for (let j = 0; j < n; j++) {
        let s = -g * (mu[j] as number) * (l[j] as number) * Math.sin(q[j] as number);
        for (let k = 0; k < n; k++) if (k !== j) s -= coef(j, k) * Math.sin((q[j] as number) - (q[k] as number)) * (v[k] as number) ** 2;
        out[j] = s;
      }
      let scale = 0;
      for (const x of M) scale = Math.max(scale, Math.abs(x));
      if (luFactor(M, n, perm, singularTolerance(n, scale)) >= 0) {
        throw new Error(`pendulumChain: the mass matrix is singular at q = [${Array.from(q).join(', ')}].`);
      }
      luSolveVector(M, n, perm, out, work);
    },
    lagrangianGradient(q, v, dq, dv) {
      massMatrix(q, M);
      for (let j = 0; j < n; j++) {
        let s = -g * (mu[j] as number) * (l[j] as number) * Math.sin(q[j] as number);
        let p = 0;
        for (let k = 0; k < n; k++) {
          if (k !== j) s -= coef(j, k) * Math.sin((q[j] as number) - (q[k] as number)) * (v[j] as number) * (v[k] as number);
          p += (M[j * n + k] as number) * (v[k] as number);
        }
        dq[j] = s;
        dv[j] = p;
      }
    },
    lagrangianHessian(q, v, hqq, hqv, hvv) {
      massMatrix(q, hvv);
      for (let j = 0; j < n; j++) {
        let diagQ = -g * (mu[j] as number) * (l[j] as number) * Math.cos(q[j] as number);
        let diagQV = 0;
        for (let i = 0; i < n; i++) {
          if (i === j) continue;
          const d = (q[j] as number) - (q[i] as number);
          const [wj, wi] = [v[j] as number, v[i] as number];
          hqq[j * n + i] = coef(j, i) * wj * wi * Math.cos(d);
          diagQ -= coef(j, i) * wj * wi * Math.cos(d);
          hqv[j * n + i] = -coef(j, i) * wj * Math.sin(d);
          diagQV -= coef(j, i) * wi * Math.sin(d);
        }
        hqq[j * n + j] = diagQ;
        hqv[j * n + j] = diagQV;
      }
    },
  };
}
