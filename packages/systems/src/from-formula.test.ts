import { describe, expect, it } from 'vitest';
import { fromFormula, type FormulaSystem, type FromFormulaOptions } from './from-formula';

/** mulberry32: a tiny seeded generator, so every run draws the same states. */
function seeded(seed: number): (low: number, high: number) => number {
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
function expectClose(actual: number, expected: number, tol: number, what: string): void {
  const scale = Math.max(1, Math.abs(actual), Math.abs(expected));
  if (!(Math.abs(actual - expected) <= tol * scale)) {
    expect.fail(`${what}: ${actual} vs ${expected} (difference ${Math.abs(actual - expected)}, tolerance ${tol * scale})`);
  }
}

const DOUBLE_PENDULUM =
  '0.5*(m1+m2)*l1^2*w1^2 + 0.5*m2*l2^2*w2^2 + m2*l1*l2*w1*w2*cos(t1-t2) + (m1+m2)*g*l1*cos(t1) + m2*g*l2*cos(t2)';

function doublePendulum(parameters: { m1: number; m2: number; l1: number; l2: number; g: number }): FormulaSystem {
  return fromFormula({ lagrangian: DOUBLE_PENDULUM, coordinates: ['t1', 't2'], velocities: ['w1', 'w2'], parameters, name: 'double' });
}

/** The closed-form double-pendulum accelerations. */
function doublePendulumAcceleration(p: { m1: number; m2: number; l1: number; l2: number; g: number }, t1: number, t2: number, w1: number, w2: number): [number, number] {
  const { m1, m2, l1, l2, g } = p;
  const a1 = (l2 / l1) * (m2 / (m1 + m2)) * Math.cos(t1 - t2);
  const a2 = (l1 / l2) * Math.cos(t1 - t2);
  const f1 = -(l2 / l1) * (m2 / (m1 + m2)) * w2 * w2 * Math.sin(t1 - t2) - (g / l1) * Math.sin(t1);
  const f2 = (l1 / l2) * w1 * w1 * Math.sin(t1 - t2) - (g / l2) * Math.sin(t2);
  return [(f1 - a1 * f2) / (1 - a1 * a2), (f2 - a2 * f1) / (1 - a1 * a2)];
}

/** A planar chain of n point masses as a formula, with its parameters. */
function chainOptions(n: number): FromFormulaOptions & { parameters: Record<string, number> } {
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
function chainAcceleration(n: number, p: Record<string, number>, q: readonly number[], v: readonly number[]): number[] {
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
function finiteDifferences(system: FormulaSystem, q: readonly number[], v: readonly number[]) {
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
function checkDerivatives(system: FormulaSystem, q: readonly number[], v: readonly number[], tol: number): void {
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

describe('fromFormula: equations of motion', () => {
  it('harmonic oscillator: q̈ = −k/m·q and E = ½mv² + ½kq²', () => {
    const m = 2.5;
    const k = 3.7;
    const system = fromFormula({ lagrangian: '0.5*m*v^2 - 0.5*k*q^2', coordinates: ['q'], velocities: ['v'], parameters: { m, k } });
    expect(system.name).toBe('from-formula');
    expect(system.dof).toBe(1);
    expect(system.coordinates).toEqual(['q']);
    expect(system.velocities).toEqual(['v']);
    expect(system.parameters).toEqual({ m, k });
    const rand = seeded(1);
    const out = new Float64Array(1);
    for (let n = 0; n < 50; n++) {
      const q = rand(-3, 3);
      const v = rand(-3, 3);
      system.acceleration([q], [v], out);
      expectClose(out[0] as number, (-k / m) * q, 1e-14, 'q̈');
      expectClose(system.energy([q], [v]), 0.5 * m * v * v + 0.5 * k * q * q, 1e-14, 'E');
      expectClose(system.lagrangian([q], [v]), 0.5 * m * v * v - 0.5 * k * q * q, 1e-14, 'L');
    }
  });

  it('simple pendulum: q̈ = −g/l·sin t', () => {
    const p = { m: 1.3, l: 0.7, g: 9.81 };
    const system = fromFormula({ lagrangian: '0.5*m*l^2*w^2 + m*g*l*cos(t)', coordinates: ['t'], velocities: ['w'], parameters: p, name: 'pendulum' });
    expect(system.name).toBe('pendulum');
    expect(system.derivatives.hvv).toEqual(['m * l ^ 2']);
    const rand = seeded(2);
    const out = new Float64Array(1);
    for (let n = 0; n < 50; n++) {
      const t = rand(-Math.PI, Math.PI);
      const w = rand(-4, 4);
      system.acceleration([t], [w], out);
      expectClose(out[0] as number, (-p.g / p.l) * Math.sin(t), 1e-13, 'q̈');
      expectClose(system.energy([t], [w]), 0.5 * p.m * p.l ** 2 * w * w - p.m * p.g * p.l * Math.cos(t), 1e-13, 'E');
    }
  });

  it('double pendulum (unit masses and lengths, g = 9.8) matches the closed form to 1e-12 on 100 random states', () => {
    const p = { m1: 1, m2: 1, l1: 1, l2: 1, g: 9.8 };
    const system = doublePendulum(p);
    const rand = seeded(3);
    const out = new Float64Array(2);
    let worst = 0;
    for (let n = 0; n < 100; n++) {
      const [t1, t2, w1, w2] = [rand(-Math.PI, Math.PI), rand(-Math.PI, Math.PI), rand(-5, 5), rand(-5, 5)];
      system.acceleration([t1, t2], [w1, w2], out);
      const [e1, e2] = doublePendulumAcceleration(p, t1, t2, w1, w2);
      const error = Math.max(Math.abs((out[0] as number) - e1), Math.abs((out[1] as number) - e2)) / Math.max(Math.abs(e1), Math.abs(e2));
      worst = Math.max(worst, error);
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('double pendulum with unequal masses and lengths matches the closed form, and E = T + V', () => {
    const p = { m1: 1.3, m2: 0.7, l1: 1.1, l2: 0.8, g: 9.81 };
    const system = doublePendulum(p);
    const rand = seeded(4);
    const out = new Float64Array(2);
    for (let n = 0; n < 100; n++) {
      const [t1, t2, w1, w2] = [rand(-Math.PI, Math.PI), rand(-Math.PI, Math.PI), rand(-5, 5), rand(-5, 5)];
      system.acceleration(new Float64Array([t1, t2]), new Float64Array([w1, w2]), out);
      const [e1, e2] = doublePendulumAcceleration(p, t1, t2, w1, w2);
      const scale = Math.max(Math.abs(e1), Math.abs(e2));
      expect(Math.abs((out[0] as number) - e1) / scale).toBeLessThan(1e-12);
      expect(Math.abs((out[1] as number) - e2) / scale).toBeLessThan(1e-12);
      const kinetic = 0.5 * (p.m1 + p.m2) * p.l1 ** 2 * w1 * w1 + 0.5 * p.m2 * p.l2 ** 2 * w2 * w2 + p.m2 * p.l1 * p.l2 * w1 * w2 * Math.cos(t1 - t2);
      const potential = -(p.m1 + p.m2) * p.g * p.l1 * Math.cos(t1) - p.m2 * p.g * p.l2 * Math.cos(t2);
      expectClose(system.energy([t1, t2], [w1, w2]), kinetic + potential, 1e-13, 'E');
    }
  });

  it('relativistic particle L = (1 − v²)^(−1/2) + g·q: q̈ = g(1 − v²)^(5/2)/(1 + 2v²)', () => {
    const rand = seeded(5);
    const out = new Float64Array(1);
    for (const g of [-3.5, 1, 9.8]) {
      const system = fromFormula({ lagrangian: '(1 - v^2)^(-1/2) + g*q', coordinates: ['q'], velocities: ['v'], parameters: { g } });
      for (let n = 0; n < 50; n++) {
        const q = rand(-10, 10);
        const v = rand(-0.99, 0.99);
        system.acceleration([q], [v], out);
        const expected = (g * (1 - v * v) ** 2.5) / (1 + 2 * v * v);
        expect(Math.abs((out[0] as number) - expected) / Math.abs(expected)).toBeLessThan(1e-12);
        const u = 1 - v * v;
        expectClose(system.energy([q], [v]), (v * v) / (u * Math.sqrt(u)) - 1 / Math.sqrt(u) - g * q, 1e-12, 'E');
      }
    }
  });

  it('pendulum chains (d = 3, 6, 10) match an independent mass-matrix solve', () => {
    const rand = seeded(6);
    for (const n of [3, 6, 10]) {
      const options = chainOptions(n);
      const system = fromFormula(options);
      expect(system.dof).toBe(n);
      const out = new Float64Array(n);
      for (let k = 0; k < 10; k++) {
        const q = Array.from({ length: n }, () => rand(-1.5, 1.5));
        const v = Array.from({ length: n }, () => rand(-2, 2));
        system.acceleration(q, v, out);
        const expected = chainAcceleration(n, options.parameters, q, v);
        const scale = Math.max(...expected.map(Math.abs));
        for (let i = 0; i < n; i++) expect(Math.abs((out[i] as number) - (expected[i] as number)) / scale).toBeLessThan(1e-10);
      }
    }
  });

  it('throws, naming the state, when ∂²L/∂v∂v is singular or not finite', () => {
    const out = new Float64Array(2);
    const linear = fromFormula({ lagrangian: 'q^2 + 3*v', coordinates: ['q'], velocities: ['v'] });
    expect(() => linear.acceleration([0.25], [0.5], out)).toThrow(/fromFormula \(from-formula\): acceleration: .*singular.*q = \[0\.25\], v = \[0\.5\]/);
    const rankOne = fromFormula({ lagrangian: '0.5*(v1 + v2)^2 - q1^2 - q2^2', coordinates: ['q1', 'q2'], velocities: ['v1', 'v2'], name: 'rank-one' });
    expect(() => rankOne.acceleration([1, 2], [3, 4], out)).toThrow(/rank-one.*singular.*q = \[1, 2\], v = \[3, 4\]/);
    const particle = fromFormula({ lagrangian: '(1 - v^2)^(-1/2) + g*q', coordinates: ['q'], velocities: ['v'], parameters: { g: 1 } });
    expect(() => particle.acceleration([0], [1.5], out)).toThrow(/∂²L\/∂v∂v has a NaN or infinite entry at q = \[0\], v = \[1\.5\]/);
  });
});

describe('fromFormula: derivatives', () => {
  it('double pendulum gradient and Hessian blocks match central finite differences of the Lagrangian', () => {
    const system = doublePendulum({ m1: 1.3, m2: 0.7, l1: 1.1, l2: 0.8, g: 9.81 });
    const rand = seeded(7);
    for (let n = 0; n < 20; n++) {
      checkDerivatives(system, [rand(-Math.PI, Math.PI), rand(-Math.PI, Math.PI)], [rand(-3, 3), rand(-3, 3)], 1e-6);
    }
  });

  it('every allowed function and operator differentiates and compiles correctly', () => {
    const system = fromFormula({
      lagrangian:
        '(1 + exp(-q1^2/4))*w1^2 + log(3 + sin(q2))*w2^2 + c*sqrt(3 + cos(q1*q2))*w1*w2 + tan(q1/3) + tanh(w2)*sinh(q2/2)' +
        ' + cosh(q1/5)*w1 + abs(q1 - 5)*q2 - 2^q1/3 + (2 + q1^2)^(w1/3) + w2/(3 + q2^2) - -q1',
      coordinates: ['q1', 'q2'],
      velocities: ['w1', 'w2'],
      parameters: { c: 0.3 },
    });
    const rand = seeded(8);
    const d = 2;
    for (let n = 0; n < 20; n++) {
      const q = [rand(-2, 2), rand(-2, 2)];
      const v = [rand(-2, 2), rand(-2, 2)];
      checkDerivatives(system, q, v, 1e-6);
      // The acceleration satisfies the Euler–Lagrange equations Hvv·q̈ + Hqvᵀ·v = ∂L/∂q.
      const a = new Float64Array(d);
      const [dq, dv, hqq, hqv, hvv] = [new Float64Array(d), new Float64Array(d), new Float64Array(d * d), new Float64Array(d * d), new Float64Array(d * d)];
      system.acceleration(q, v, a);
      system.lagrangianGradient(q, v, dq, dv);
      system.lagrangianHessian(q, v, hqq, hqv, hvv);
      for (let i = 0; i < d; i++) {
        let lhs = 0;
        for (let j = 0; j < d; j++) lhs += (hvv[i * d + j] as number) * (a[j] as number) + (hqv[j * d + i] as number) * (v[j] as number);
        expectClose(lhs, dq[i] as number, 1e-12, `Euler–Lagrange residual ${i}`);
      }
      let vp = 0;
      for (let i = 0; i < d; i++) vp += (v[i] as number) * (dv[i] as number);
      expectClose(system.energy(q, v), vp - system.lagrangian(q, v), 1e-13, 'E');
    }
  });

  it('exposes the derived expressions as strings, symmetric where they should be', () => {
    const system = doublePendulum({ m1: 1, m2: 1, l1: 1, l2: 1, g: 9.8 });
    const { dq, dv, hqq, hqv, hvv } = system.derivatives;
    expect(dq).toHaveLength(2);
    expect(dv).toHaveLength(2);
    expect([hqq.length, hqv.length, hvv.length]).toEqual([4, 4, 4]);
    expect(hqq[1]).toBe(hqq[2]);
    expect(hvv[1]).toBe(hvv[2]);
    expect(hvv[0]).toBe('(m1 + m2) * l1 ^ 2');
    expect(hvv[1]).toBe('m2 * l1 * l2 * cos(t1 - t2)');
    expect(dv[1]).toBe('m2 * l2 ^ 2 * w2 + m2 * l1 * l2 * w1 * cos(t1 - t2)');
    expect(Object.isFrozen(system.derivatives) && Object.isFrozen(dq)).toBe(true);
    const oscillator = fromFormula({ lagrangian: '0.5*m*v^2 - 0.5*q^2', coordinates: ['q'], velocities: ['v'], parameters: { m: 2 } });
    expect(oscillator.derivatives).toEqual({ dq: ['-q'], dv: ['m * v'], hqq: ['-1'], hqv: ['0'], hvv: ['m'] });
  });

  it('is deterministic and copies its parameters', () => {
    const parameters = { m1: 1, m2: 1, l1: 1, l2: 1, g: 9.8 };
    const a = doublePendulum(parameters);
    parameters.g = 1;
    const b = doublePendulum({ m1: 1, m2: 1, l1: 1, l2: 1, g: 9.8 });
    expect(a.parameters).toEqual({ m1: 1, m2: 1, l1: 1, l2: 1, g: 9.8 });
    expect(Object.isFrozen(a.parameters)).toBe(true);
    expect(a.derivatives).toEqual(b.derivatives);
    const [oa, ob] = [new Float64Array(2), new Float64Array(2)];
    a.acceleration([0.1, 0.2], [0.3, 0.4], oa);
    b.acceleration([0.1, 0.2], [0.3, 0.4], ob);
    expect(Array.from(oa)).toEqual(Array.from(ob));
  });
});

describe('fromFormula: generated code', () => {
  it('never emits user text: names that look like JavaScript are only symbols', () => {
    const parameters = JSON.parse('{"__proto__": 0.5, "constructor": 3, "Math": 2, "o0": 7, "secretName": 1}') as Record<string, number>;
    // The coordinate is called v and its velocity q, the reverse of the generated code's arrays.
    const system = fromFormula({
      lagrangian: '0.5*Math*q^2 - 0.5*constructor*v^2 + __proto__*v + o0*secretName',
      coordinates: ['v'],
      velocities: ['q'],
      parameters,
    });
    expect(Object.keys(system.parameters).sort()).toEqual(['Math', '__proto__', 'constructor', 'o0', 'secretName']);
    const out = new Float64Array(1);
    system.acceleration([1.5], [0.25], out);
    expectClose(out[0] as number, (-3 * 1.5 + 0.5) / 2, 1e-15, 'q̈');
    for (const f of [system.lagrangian, system.energy, system.lagrangianGradient, system.lagrangianHessian]) {
      const source = f.toString();
      for (const word of ['secretName', 'constructor', '__proto__', 'o0*', 'Math*']) expect(source).not.toContain(word);
    }
  });

  it('evaluates plain arrays and typed arrays alike', () => {
    const system = doublePendulum({ m1: 1, m2: 1, l1: 1, l2: 1, g: 9.8 });
    const [a, b] = [new Float64Array(2), new Float64Array(2)];
    system.acceleration([0.3, -0.2], [0.5, 1.1], a);
    system.acceleration(new Float64Array([0.3, -0.2]), new Float64Array([0.5, 1.1]), b);
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});

describe('fromFormula: validation', () => {
  const base = { lagrangian: '0.5*m*v^2 - 0.5*k*q^2', coordinates: ['q'], velocities: ['v'], parameters: { m: 1, k: 1 } } as const;
  const make = (patch: Record<string, unknown>) => () => fromFormula({ ...base, ...patch } as unknown as FromFormulaOptions);

  it('rejects bad options objects', () => {
    expect(() => fromFormula(null as unknown as FromFormulaOptions)).toThrow(/^fromFormula: options: received null, expected an object/);
    expect(() => fromFormula('L' as unknown as FromFormulaOptions)).toThrow(/^fromFormula: options: received 'L'/);
    expect(make({ parameter: { m: 1 } })).toThrow(/^fromFormula: options: received unknown key 'parameter'/);
    expect(make({ name: '' })).toThrow(/^fromFormula: options\.name: received '', expected a non-empty string/);
    expect(make({ name: 3 })).toThrow(/^fromFormula: options\.name: received 3 \(number\)/);
    expect(make({ name: null })).toThrow(/^fromFormula: options\.name: received null/);
  });

  it('rejects bad coordinate and velocity names', () => {
    expect(make({ coordinates: ['q1', 'q1'], velocities: ['v1', 'v2'] })).toThrow('fromFormula: options.coordinates: received \'q1\' twice, expected distinct names.');
    expect(make({ coordinates: 'q' })).toThrow(/^fromFormula: options\.coordinates: received 'q', expected an array of names/);
    expect(make({ coordinates: [], velocities: [] })).toThrow(/^fromFormula: options\.coordinates: received an empty array, expected at least one name/);
    expect(make({ coordinates: ['1a'] })).toThrow(/^fromFormula: options\.coordinates\[0\]: received '1a', expected an identifier/);
    expect(make({ coordinates: ['q-1'] })).toThrow(/^fromFormula: options\.coordinates\[0\]: received 'q-1'/);
    expect(make({ coordinates: ['sin'] })).toThrow(/^fromFormula: options\.coordinates\[0\]: received 'sin'.*not a function name/);
    expect(make({ coordinates: ['mod'] })).toThrow(/^fromFormula: options\.coordinates\[0\]: received 'mod'/);
    expect(make({ coordinates: [42] })).toThrow(/^fromFormula: options\.coordinates\[0\]: received 42 \(number\)/);
    expect(make({ velocities: ['true'] })).toThrow(/^fromFormula: options\.velocities\[0\]: received 'true'/);
    expect(make({ velocities: ['v', 'w'] })).toThrow(/^fromFormula: options\.velocities: received 2 name\(s\), expected 1 \(one per coordinate\)/);
    expect(make({ velocities: ['q'] })).toThrow(/^fromFormula: options\.velocities: received 'q', which is already in options\.coordinates, expected names distinct/);
  });

  it('rejects bad parameters', () => {
    expect(make({ parameters: { m: 1, k: 1, v: 2 } })).toThrow(/^fromFormula: options\.parameters: received 'v', which is already in options\.velocities/);
    expect(make({ parameters: { m: 1, k: 1, q: 2 } })).toThrow(/^fromFormula: options\.parameters: received 'q', which is already in options\.coordinates/);
    expect(make({ parameters: { m: Number.NaN, k: 1 } })).toThrow(/^fromFormula: options\.parameters\.m: received NaN \(number\), expected a finite number/);
    expect(make({ parameters: { m: Infinity, k: 1 } })).toThrow(/^fromFormula: options\.parameters\.m: received Infinity/);
    expect(make({ parameters: { m: '1', k: 1 } })).toThrow(/^fromFormula: options\.parameters\.m: received '1', expected a finite number/);
    expect(make({ parameters: { '2x': 1 } })).toThrow(/^fromFormula: options\.parameters: received '2x', expected an identifier/);
    expect(make({ parameters: [1, 2] })).toThrow(/^fromFormula: options\.parameters: received an array of length 2/);
    expect(make({ parameters: new Map([['m', 1]]) })).toThrow(/^fromFormula: options\.parameters: received a Map, expected a plain object/);
    expect(make({ parameters: null })).toThrow(/^fromFormula: options\.parameters: received null/);
  });

  it('rejects a lagrangian that is not a string or does not parse', () => {
    expect(make({ lagrangian: 3 })).toThrow(/^fromFormula: options\.lagrangian: received 3 \(number\), expected a non-empty mathjs expression/);
    expect(make({ lagrangian: '  ' })).toThrow(/^fromFormula: options\.lagrangian: received ' {2}'/);
    expect(make({ lagrangian: '0.5*m*v^' })).toThrow(/^fromFormula: options\.lagrangian: received '0\.5\*m\*v\^', which does not parse/);
    expect(make({ lagrangian: 'q); process.exit(1); (' })).toThrow(/^fromFormula: options\.lagrangian: .*does not parse/);
  });

  it('names unknown symbols', () => {
    expect(make({ lagrangian: '0.5*m*v^2 - 0.5*kk*q^2' })).toThrow(/^fromFormula: options\.lagrangian: unknown symbol 'kk', expected a declared name \(coordinates q; velocities v; parameters m, k\)/);
    expect(make({ lagrangian: 'pi*q' })).toThrow(/unknown symbol 'pi'/);
    expect(make({ lagrangian: '3 cm' })).toThrow(/unknown symbol 'cm'/);
  });

  it('names unsupported functions', () => {
    expect(make({ lagrangian: 'atan(q) + v' })).toThrow(/^fromFormula: options\.lagrangian: unsupported function 'atan', expected one of sin, cos, tan, exp, log, sqrt, sinh, cosh, tanh, abs/);
    expect(make({ lagrangian: 'eval(q)' })).toThrow(/unsupported function 'eval'/);
    expect(make({ lagrangian: 'm(q)' })).toThrow(/unsupported function 'm'/);
    expect(make({ lagrangian: 'sec(q)' })).toThrow(/unsupported function 'sec'/);
    expect(make({ lagrangian: 'sin(q, v)' })).toThrow(/^fromFormula: options\.lagrangian: function 'sin' received 2 arguments .*expected 1/);
    expect(make({ lagrangian: 'log(q, 2)' })).toThrow(/function 'log' received 2 arguments/);
  });

  it('names unsupported operators', () => {
    for (const [text, op] of [
      ['q mod 2', 'mod'],
      ['q!', '!'],
      ['q == v', '=='],
      ['+q', '+'],
      ['q .* v', '.*'],
      ["q'", "'"],
      ['q < v', '<'],
    ] as const) {
      expect(make({ lagrangian: text }), text).toThrow(new RegExp(`^fromFormula: options\\.lagrangian: unsupported operator '${op.replace(/[.*+?^$()|[\]\\]/g, '\\$&')}'`));
    }
  });

  it('names unsupported node types and constants', () => {
    for (const [text, type] of [
      ['x = 2', 'AssignmentNode'],
      ['[q, v]', 'ArrayNode'],
      ['q > 0 ? q : v', 'ConditionalNode'],
      ['q.a', 'AccessorNode'],
      ['f(x) = x', 'FunctionAssignmentNode'],
      ['1:3', 'RangeNode'],
      ['q; v', 'BlockNode'],
      ['{a: q}', 'ObjectNode'],
    ] as const) {
      expect(make({ lagrangian: text }), text).toThrow(new RegExp(`^fromFormula: options\\.lagrangian: unsupported expression .*\\(${type}\\)`));
    }
    expect(make({ lagrangian: '"abc"' })).toThrow(/^fromFormula: options\.lagrangian: unsupported constant .*\(string\), expected a finite number/);
    expect(make({ lagrangian: 'q + true' })).toThrow(/unsupported constant 'true' \(boolean\)/);
    expect(make({ lagrangian: 'q + 1e400' })).toThrow(/unsupported constant .*\(not finite\)/);
    expect(make({ lagrangian: 'q + NaN' })).toThrow(/unsupported constant 'NaN' \(not finite\)/);
  });
});
