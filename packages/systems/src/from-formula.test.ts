import { describe, expect, it } from 'vitest';
import { fromFormula, type FromFormulaOptions } from './from-formula';
import { seeded, expectClose, doublePendulum, doublePendulumAcceleration, chainOptions, chainAcceleration } from './internal/formula-fixtures';

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
