import { describe, expect, it } from 'vitest';
import { compileControlInput } from './control-input';
import { compileSignal, constantSignal, piecewise, randomSinusoids, sinusoid, sumOfSignals, zeroSignal, type Signal } from './signal';

describe('forcing signals', () => {
  it('evaluate as documented: A cos(ωt + φ), sums, steps, constants', () => {
    const s = compileSignal(sinusoid({ amplitude: 1.5, frequency: 2 / 3, phase: 0.4 }));
    for (const t of [0, 0.7, 13.2, -4]) expect(s(t)).toBe(1.5 * Math.cos((2 / 3) * t + 0.4));
    expect(compileSignal(sinusoid({ amplitude: 2, frequency: 1 }))(0)).toBe(2); // phase defaults to 0: cos
    const sum = compileSignal(sumOfSignals([sinusoid({ amplitude: 1, frequency: 3 }), constantSignal(0.25), zeroSignal()]));
    expect(sum(1.1)).toBe(Math.cos(3.3) + 0.25);
    const step = compileSignal(piecewise({ breaks: [1, 2], pieces: [zeroSignal(), constantSignal(0.5), sinusoid({ amplitude: 1, frequency: 1 })] }));
    expect([step(0.99), step(1), step(1.5), step(2)]).toEqual([0, 0.5, 0.5, Math.cos(2)]);
  });

  it('are plain JSON data: a signal survives a round trip through JSON', () => {
    const s = sumOfSignals([sinusoid({ amplitude: 1, frequency: 0.5 }), piecewise({ breaks: [3], pieces: [zeroSignal(), constantSignal(-1)] })]);
    const back = JSON.parse(JSON.stringify(s)) as Signal;
    expect(back).toEqual(s);
    for (const t of [0, 2.9, 3, 7.5]) expect(compileSignal(back)(t)).toBe(compileSignal(s)(t));
  });

  it('randomSinusoids: same seed, same signal; another seed, another; terms within the ranges', () => {
    const options = { seed: 5, terms: 4, amplitude: 0.8, frequency: [0.3, 1.2] as [number, number] };
    const a = randomSinusoids(options);
    expect(randomSinusoids(options)).toEqual(a);
    expect(randomSinusoids({ ...options, seed: 6 })).not.toEqual(a);
    if (a.kind !== 'sum') throw new Error('expected a sum');
    expect(a.terms).toHaveLength(4);
    for (const term of a.terms) {
      if (term.kind !== 'sinusoid') throw new Error('expected sinusoids');
      expect(term.amplitude >= 0 && term.amplitude <= 0.8 && term.frequency >= 0.3 && term.frequency <= 1.2 && term.phase >= 0 && term.phase < 2 * Math.PI).toBe(true);
    }
  });

  it('name what is wrong', () => {
    expect(() => sinusoid({ amplitude: Number.NaN, frequency: 1 })).toThrow('sinusoid: amplitude must be a finite number, received NaN.');
    expect(() => sinusoid({ amplitude: 1 } as never)).toThrow('sinusoid: frequency must be a finite number, received undefined.');
    expect(() => constantSignal(Number.POSITIVE_INFINITY)).toThrow('constantSignal: value must be a finite number, received Infinity.');
    expect(() => piecewise({ breaks: [1], pieces: [zeroSignal()] })).toThrow('piecewise: options must have one more piece than breaks, received 1 pieces and 1 breaks.');
    expect(() => piecewise({ breaks: [2, 1], pieces: [zeroSignal(), zeroSignal(), zeroSignal()] })).toThrow('piecewise: options.breaks must increase strictly, received 2 then 1.');
    expect(() => sumOfSignals([zeroSignal(), { kind: 'square' } as never])).toThrow(/sumOfSignals: terms\[1\] must be a signal \(\{ kind: 'constant' \| 'sinusoid' \| 'sum' \| 'piecewise', … \}\), received \{"kind":"square"\}/);
    expect(() => compileSignal({ kind: 'sum', terms: [{ kind: 'constant', value: Number.NaN }] })).toThrow('compileSignal: signal.terms[0].value must be a finite number, received NaN.');
    expect(() => randomSinusoids({ seed: 1, terms: 0, amplitude: 1, frequency: [0, 1] })).toThrow('randomSinusoids: terms must be an integer from 1 to 10,000, received 0.');
    expect(() => randomSinusoids({ seed: 1, terms: 1e12, amplitude: 1, frequency: [0, 1] })).toThrow('randomSinusoids: terms must be an integer from 1 to 10,000, received 1000000000000.');
    expect(() => compileSignal(zeroSignal())(Number.NaN)).toThrow('compileSignal: a signal is defined at finite times, it was asked for t = NaN.');
    expect(() => randomSinusoids({ seed: 1, terms: 2, amplitude: 1, frequency: [2, 1] })).toThrow('randomSinusoids: frequency must be [low, high] with low ≤ high, received [2, 1].');
  });
});

describe('compileControlInput', () => {
  it('writes one value per control, zeros without input, and checks the count', () => {
    const u = new Float64Array(2);
    compileControlInput([constantSignal(1), sinusoid({ amplitude: 2, frequency: 1 })], 2)(Math.PI, u);
    expect(Array.from(u)).toEqual([1, 2 * Math.cos(Math.PI)]);
    u.fill(7);
    compileControlInput(undefined, 2)(3, u);
    expect(Array.from(u)).toEqual([0, 0]);
    expect(() => compileControlInput(zeroSignal(), 2)).toThrow('compileControlInput: input must give one signal per control (2), received 1.');
    expect(() => compileControlInput([zeroSignal(), { kind: 'constant' } as never], 2)).toThrow('compileControlInput: input[1].value must be a finite number, received undefined.');
  });
});
