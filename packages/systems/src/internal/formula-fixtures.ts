/** Shared fixtures of the fromFormula tests: seeded draws, tolerances, the double pendulum and the chain, finite differences. */
import { expect } from 'vitest';
import { fromFormula, type FormulaSystem, type FromFormulaOptions } from '../from-formula';

/** mulberry32: a tiny seeded generator, so every run draws the same states. */
export function seeded(seed: number): (low: number, high: number) => number {
  let s = seed >>> 0;
  return (low, high) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const u = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return low + (high - low) * u;
  };
}

/** |a − b| ≤ tol · max(1, |a|, |b|): relative for magnitudes above 1, absolute below. */
export function expectClose(actual: number, expected: number, tol: number, what: string): void {
  const scale = Math.max(1, Math.abs(actual), Math.abs(expected));
  if (!(Math.abs(actual - expected) <= tol * scale)) {
    expect.fail(`${what}: ${actual} vs ${expected} (difference ${Math.abs(actual - expected)}, tolerance ${tol * scale})`);
  }
}

export const DOUBLE_PENDULUM =
  '0.5*(m1+m2)*l1^2*w1^2 + 0.5*m2*l2^2*w2^2 + m2*l1*l2*w1*w2*cos(t1-t2) + (m1+m2)*g*l1*cos(t1) + m2*g*l2*cos(t2)';

export function doublePendulum(parameters: { m1: number; m2: number; l1: number; l2: number; g: number }): FormulaSystem {
  return fromFormula({ lagrangian: DOUBLE_PENDULUM, coordinates: ['t1', 't2'], velocities: ['w1', 'w2'], parameters, name: 'double' });
}

/** The closed-form double-pendulum accelerations. */
export function doublePendulumAcceleration(p: { m1: number; m2: number; l1: number; l2: number; g: number }, t1: number, t2: number, w1: number, w2: number): [number, number] {
  const { m1, m2, l1, l2, g } = p;
  const a1 = (l2 / l1) * (m2 / (m1 + m2)) * Math.cos(t1 - t2);
  const a2 = (l1 / l2) * Math.cos(t1 - t2);
  const f1 = -(l2 / l1) * (m2 / (m1 + m2)) * w2 * w2 * Math.sin(t1 - t2) - (g / l1) * Math.sin(t1);
  const f2 = (l1 / l2) * w1 * w1 * Math.sin(t1 - t2) - (g / l2) * Math.sin(t2);
  return [(f1 - a1 * f2) / (1 - a1 * a2), (f2 - a2 * f1) / (1 - a1 * a2)];
}

/** A planar chain of n point masses as a formula, with its parameters. */
export function chainOptions(n: number): FromFormulaOptions & { parameters: Record<string, number> } {
  const mu = (j: number) => `(${Array.from({ length: n - j }, (_, i) => `m${j + i + 1}`).join(' + ')})`;
  const terms: string[] = [];
  for (let j = 0; j < n; j++) terms.push(`0.5*${mu(j)}*l${j + 1}^2*w${j + 1}^2`);
  for (let j = 0; j < n; j++) for (let k = j + 1; k < n; k++) terms.push(`${mu(k)}*l${j + 1}*l${k + 1}*w${j + 1}*w${k + 1}*cos(t${j + 1} - t${k + 1})`);
  for (let j = 0; j < n; j++) terms.push(`g*${mu(j)}*l${j + 1}*cos(t${j + 1})`);
  const parameters: Record<string, number> = { g: 9.8 };
  for (let j = 1; j <= n; j++) {
    parameters[`m${j}`] = 1 + 0.1 * j;
    parameters[`l${j}`] = 1 - 0.05 * j;
  }
  return {
    lagrangian: terms.join(' + '),
    coordinates: Array.from({ length: n }, (_, j) => `t${j + 1}`),
    velocities: Array.from({ length: n }, (_, j) => `w${j + 1}`),
    parameters,
    name: `chain-${n}`,
  };
}

/** Independent chain accelerations: Σₖ M_jk θ̈ₖ = −Σₖ μ_max lⱼ lₖ sin(θⱼ − θₖ) ωₖ² − g μⱼ lⱼ sin θⱼ. */
export function chainAcceleration(n: number, p: Record<string, number>, q: readonly number[], v: readonly number[]): number[] {
  const m = Array.from({ length: n }, (_, j) => p[`m${j + 1}`] as number);
  const l = Array.from({ length: n }, (_, j) => p[`l${j + 1}`] as number);
  const mu = m.map((_, j) => m.slice(j).reduce((s, x) => s + x, 0));
  const a: number[][] = [];
  const b: number[] = [];
  for (let j = 0; j < n; j++) {
    const row: number[] = [];
    let f = -(p.g as number) * (mu[j] as number) * (l[j] as number) * Math.sin(q[j] as number);
    for (let k = 0; k < n; k++) {
      const c = (mu[Math.max(j, k)] as number) * (l[j] as number) * (l[k] as number);
      row.push(c * Math.cos((q[j] as number) - (q[k] as number)));
      f -= c * Math.sin((q[j] as number) - (q[k] as number)) * (v[k] as number) ** 2;
    }
    a.push(row);
    b.push(f);
  }
  // Gauss–Jordan with partial pivoting, written out plainly.
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i]![k]!) > Math.abs(a[p]![k]!)) p = i;
    [a[k], a[p]] = [a[p]!, a[k]!];
    [b[k], b[p]] = [b[p]!, b[k]!];
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const f = a[i]![k]! / a[k]![k]!;
      for (let j = k; j < n; j++) a[i]![j]! -= f * a[k]![j]!;
      b[i]! -= f * b[k]!;
    }
  }
  return b.map((x, i) => x / a[i]![i]!);
}

/** Central differences of `system.lagrangian` in z = (q, v): gradient and (Richardson-extrapolated) Hessian. */
export function finiteDifferences(system: FormulaSystem, q: readonly number[], v: readonly number[]) {
  const d = system.dof;
  const f = (z: readonly number[]) => system.lagrangian(z.slice(0, d), z.slice(d));
  const z0 = [...q, ...v];
  const shifted = (shifts: ReadonlyArray<readonly [number, number]>) => {
    const z = [...z0];
    for (const [i, h] of shifts) z[i] = (z[i] as number) + h;
    return z;
  };
  const gradient = z0.map((x, i) => {
    const h = 1e-6 * Math.max(1, Math.abs(x));
    return (f(shifted([[i, h]])) - f(shifted([[i, -h]]))) / (2 * h);
  });
  const second = (i: number, j: number, h: number) =>
    (f(shifted([[i, h], [j, h]])) - f(shifted([[i, h], [j, -h]])) - f(shifted([[i, -h], [j, h]])) + f(shifted([[i, -h], [j, -h]]))) / (4 * h * h);
  const hessian = z0.map((_, i) => z0.map((__, j) => (4 * second(i, j, 1e-3) - second(i, j, 2e-3)) / 3));
  return { gradient, hessian };
}

/** Checks gradient and Hessian blocks against finite differences of the Lagrangian. */
export function checkDerivatives(system: FormulaSystem, q: readonly number[], v: readonly number[], tol: number): void {
  const d = system.dof;
  const dq = new Float64Array(d);
  const dv = new Float64Array(d);
  const hqq = new Float64Array(d * d);
  const hqv = new Float64Array(d * d);
  const hvv = new Float64Array(d * d);
  system.lagrangianGradient(q, v, dq, dv);
  system.lagrangianHessian(q, v, hqq, hqv, hvv);
  const fd = finiteDifferences(system, q, v);
  for (let i = 0; i < d; i++) {
    expectClose(dq[i] as number, fd.gradient[i] as number, tol, `dq[${i}]`);
    expectClose(dv[i] as number, fd.gradient[d + i] as number, tol, `dv[${i}]`);
    for (let j = 0; j < d; j++) {
      const row = (k: number) => fd.hessian[k] as number[];
      expectClose(hqq[i * d + j] as number, row(i)[j] as number, tol, `hqq[${i}·d+${j}]`);
      expectClose(hqv[i * d + j] as number, row(i)[d + j] as number, tol, `hqv[${i}·d+${j}]`);
      expectClose(hvv[i * d + j] as number, row(d + i)[d + j] as number, tol, `hvv[${i}·d+${j}]`);
    }
  }
}
