import { checkSignal, compileSignal, type ControlInput } from './signal';

/**
 * The control input `u(t)` of a system with `controls` controls, as a function writing `u` (length
 * `controls`); omitted, u ≡ 0. Checks that there is one signal per control.
 *
 * @example
 * import { compileControlInput, sinusoid } from '@lnn/systems';
 * const u = compileControlInput(sinusoid({ amplitude: 1.15, frequency: 2 / 3 }), 1);
 * const out = new Float64Array(1);
 * u(0, out);
 * console.log(out[0]); // 1.15
 * u(1.5 * Math.PI, out);
 * console.log(out[0]); // -1.15: 1.15 cos(π)
 */
export function compileControlInput(input: ControlInput | undefined, controls: number, where = 'compileControlInput'): (t: number, u: Float64Array) => void {
  if (input === undefined) return (_t, u) => u.fill(0);
  const list = (Array.isArray(input) ? input : [input]) as readonly unknown[];
  if (list.length !== controls) {
    throw new RangeError(
      `${where}: input must give one signal per control (${controls}), received ${list.length}.${controls === 0 ? ' This system takes no control input: leave input out.' : ''}`,
    );
  }
  const signals = list.map((s, i) => compileSignal(checkSignal(where, Array.isArray(input) ? `input[${i}]` : 'input', s)));
  return (t, u) => {
    for (let i = 0; i < signals.length; i++) u[i] = (signals[i] as (t: number) => number)(t);
  };
}
