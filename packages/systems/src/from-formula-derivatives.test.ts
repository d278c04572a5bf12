import { describe, expect, it } from 'vitest';
import { fromFormula } from './from-formula';
import { seeded, expectClose, doublePendulum, checkDerivatives } from './internal/formula-fixtures';

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
