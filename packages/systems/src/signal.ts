import { createRandom } from './random';

/**
 * A forcing signal s(t): plain, JSON-serialisable data (so a run can record exactly which forcing
 * it used), built with {@link sinusoid}, {@link sumOfSignals}, {@link piecewise},
 * {@link constantSignal} or {@link zeroSignal}, and evaluated with {@link compileSignal}.
 */
export type Signal =
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'sinusoid'; readonly amplitude: number; readonly frequency: number; readonly phase: number }
  | { readonly kind: 'sum'; readonly terms: readonly Signal[] }
  | { readonly kind: 'piecewise'; readonly breaks: readonly number[]; readonly pieces: readonly Signal[] };

/**
 * The control input of a system with c controls: one signal per control (a single signal when
 * c = 1). `u(t) = [s₀(t), …, s_{c−1}(t)]`.
 */
export type ControlInput = Signal | readonly Signal[];

const finite = (where: string, name: string, value: unknown): number => {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`${where}: ${name} must be a finite number, received ${String(value)}.`);
  return value;
};

/**
 * s(t) = value.
 *
 * @example
 * import { compileSignal, constantSignal } from '@lnn/systems';
 * console.log(compileSignal(constantSignal(0.3))(5)); // 0.3
 */
export function constantSignal(value: number): Signal {
  return { kind: 'constant', value: finite('constantSignal', 'value', value) };
}

/**
 * s(t) = 0, the unforced input.
 *
 * @example
 * import { drivenPendulum, forcedProblem, zeroSignal } from '@lnn/systems';
 * const out = new Float64Array(1);
 * forcedProblem(drivenPendulum(), { input: zeroSignal() }).acceleration(7, Float64Array.of(0.3), Float64Array.of(1), out);
 * console.log(out[0]); // ≈ −0.796 = −sin 0.3 − 0.5·1: the free damped pendulum
 */
export function zeroSignal(): Signal {
  return { kind: 'constant', value: 0 };
}

/**
 * `s(t) = amplitude · cos(frequency · t + phase)`, with `frequency` the angular frequency ω in
 * radians per unit time (not Hz). With phase 0 it is the classic drive `F cos(ω_D t)`.
 *
 * @example
 * import { compileSignal, sinusoid } from '@lnn/systems';
 * const drive = compileSignal(sinusoid({ amplitude: 1.15, frequency: 2 / 3 })); // 1.15 cos(2t/3)
 * console.log(drive(0), drive(1.5 * Math.PI)); // 1.15 -1.15
 */
export function sinusoid(options: { readonly amplitude: number; readonly frequency: number; readonly phase?: number }): Signal {
  const where = 'sinusoid';
  return {
    kind: 'sinusoid',
    amplitude: finite(where, 'amplitude', options?.amplitude),
    frequency: finite(where, 'frequency', options?.frequency),
    phase: finite(where, 'phase', options?.phase ?? 0),
  };
}

/**
 * s(t) = Σ terms(t).
 *
 * @example
 * import { compileSignal, constantSignal, sinusoid, sumOfSignals } from '@lnn/systems';
 * const s = compileSignal(sumOfSignals([sinusoid({ amplitude: 1, frequency: 1 }), constantSignal(0.2)]));
 * console.log(s(0), s(Math.PI)); // 1.2 -0.8
 */
export function sumOfSignals(terms: readonly Signal[]): Signal {
  if (!Array.isArray(terms)) throw new TypeError(`sumOfSignals: terms must be an array of signals, received ${String(terms)}.`);
  terms.forEach((s, i) => checkSignal('sumOfSignals', `terms[${i}]`, s));
  return { kind: 'sum', terms: [...terms] };
}

/**
 * `pieces[i]` on `[breaks[i−1], breaks[i])`: `pieces[0]` before `breaks[0]`, the last piece from
 * the last break on. `breaks` strictly increasing, one fewer than `pieces`.
 *
 * @example
 * import { compileSignal, constantSignal, piecewise, zeroSignal } from '@lnn/systems';
 * const step = compileSignal(piecewise({ breaks: [10], pieces: [zeroSignal(), constantSignal(0.5)] })); // a step at t = 10
 * console.log(step(9.9), step(10), step(20)); // 0 0.5 0.5
 */
export function piecewise(options: { readonly breaks: readonly number[]; readonly pieces: readonly Signal[] }): Signal {
  const signal: Signal = { kind: 'piecewise', breaks: [...(options?.breaks ?? [])], pieces: [...(options?.pieces ?? [])] };
  checkSignal('piecewise', 'options', signal);
  return signal;
}

/**
 * A seeded sum of `terms` (1 to 10,000) sinusoids, each with amplitude uniform in `[0, amplitude]`, angular
 * frequency uniform in `frequency` = `[low, high]` and phase uniform in `[0, 2π)` — a quick
 * source of forcing signals the model has not seen (a different seed, a different signal).
 *
 * @example
 * import { compileSignal, randomSinusoids } from '@lnn/systems';
 * const unseen = randomSinusoids({ seed: 99, terms: 3, amplitude: 0.5, frequency: [0.3, 1.5] });
 * const again = randomSinusoids({ seed: 99, terms: 3, amplitude: 0.5, frequency: [0.3, 1.5] });
 * console.log(unseen.kind === 'sum' && unseen.terms.length, compileSignal(unseen)(1) === compileSignal(again)(1)); // 3 true: same seed, same signal
 */
export function randomSinusoids(options: { readonly seed: number; readonly terms: number; readonly amplitude: number; readonly frequency: readonly [number, number] }): Signal {
  const where = 'randomSinusoids';
  const terms = options?.terms;
  if (typeof terms !== 'number' || !Number.isInteger(terms) || terms < 1 || terms > 10_000) throw new RangeError(`${where}: terms must be an integer from 1 to 10,000, received ${String(terms)}.`);
  const amplitude = finite(where, 'amplitude', options.amplitude);
  const [low, high] = options.frequency ?? [];
  if (finite(where, 'frequency[0]', low) > finite(where, 'frequency[1]', high)) throw new RangeError(`${where}: frequency must be [low, high] with low ≤ high, received [${low}, ${high}].`);
  const rng = createRandom(finite(where, 'seed', options.seed));
  const list: Signal[] = [];
  for (let i = 0; i < terms; i++) {
    list.push({ kind: 'sinusoid', amplitude: rng.uniform(0, amplitude), frequency: rng.uniform(low as number, high as number), phase: rng.uniform(0, 2 * Math.PI) });
  }
  return { kind: 'sum', terms: list };
}

/** Throws, naming `where` and the path to the fault, unless `signal` is a well-formed {@link Signal}. */
export function checkSignal(where: string, name: string, signal: unknown): Signal {
  const s = signal as Signal;
  switch (s?.kind) {
    case 'constant':
      finite(where, `${name}.value`, s.value);
      return s;
    case 'sinusoid':
      for (const key of ['amplitude', 'frequency', 'phase'] as const) finite(where, `${name}.${key}`, s[key]);
      return s;
    case 'sum':
      if (!Array.isArray(s.terms)) throw new TypeError(`${where}: ${name}.terms must be an array of signals, received ${String(s.terms)}.`);
      s.terms.forEach((term, i) => checkSignal(where, `${name}.terms[${i}]`, term));
      return s;
    case 'piecewise': {
      if (!Array.isArray(s.breaks) || !Array.isArray(s.pieces) || s.pieces.length !== s.breaks.length + 1) {
        throw new RangeError(`${where}: ${name} must have one more piece than breaks, received ${String(s.pieces?.length)} pieces and ${String(s.breaks?.length)} breaks.`);
      }
      s.breaks.forEach((b, i) => {
        finite(where, `${name}.breaks[${i}]`, b);
        if (i > 0 && !(b > (s.breaks[i - 1] as number))) throw new RangeError(`${where}: ${name}.breaks must increase strictly, received ${s.breaks[i - 1]} then ${b}.`);
      });
      s.pieces.forEach((piece, i) => checkSignal(where, `${name}.pieces[${i}]`, piece));
      return s;
    }
    default:
      throw new TypeError(`${where}: ${name} must be a signal ({ kind: 'constant' | 'sinusoid' | 'sum' | 'piecewise', … }), received ${JSON.stringify(signal) ?? String(signal)}.`);
  }
}

/**
 * The signal as a function of (finite) time, after checking it.
 *
 * @example
 * import { compileSignal, sinusoid } from '@lnn/systems';
 * const s = compileSignal(sinusoid({ amplitude: 2, frequency: 1 }));
 * console.log(s(0), s(Math.PI)); // 2 -2
 */
export function compileSignal(signal: Signal): (t: number) => number {
  const f = compile(checkSignal('compileSignal', 'signal', signal));
  return (t) => {
    if (!Number.isFinite(t)) throw new RangeError(`compileSignal: a signal is defined at finite times, it was asked for t = ${String(t)}.`);
    return f(t);
  };
}

function compile(s: Signal): (t: number) => number {
  switch (s.kind) {
    case 'constant': {
      const value = s.value;
      return () => value;
    }
    case 'sinusoid': {
      const { amplitude, frequency, phase } = s;
      return (t) => amplitude * Math.cos(frequency * t + phase);
    }
    case 'sum': {
      const terms = s.terms.map(compile);
      return (t) => terms.reduce((acc, f) => acc + f(t), 0);
    }
    case 'piecewise': {
      const { breaks } = s;
      const pieces = s.pieces.map(compile);
      return (t) => {
        let i = 0;
        while (i < breaks.length && t >= (breaks[i] as number)) i++;
        return (pieces[i] as (t: number) => number)(t);
      };
    }
  }
}
