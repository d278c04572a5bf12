/** A seeded source of uniform and normal float64 numbers. Same seed, same sequence, everywhere. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [low, high). */
  uniform(low: number, high: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
}

/**
 * A small, fast, seeded generator: sfc32 (Chris Doty-Humphrey's Small Fast Counter, PractRand-
 * tested) seeded through splitmix32, giving 53-bit uniform doubles from two outputs.
 *
 * @param seed - any integer (taken modulo 2³²) — or a finite number, whose bits are mixed in.
 * @example
 * import { createRandom } from '@lnn/systems';
 * const rng = createRandom(42);
 * const angle = rng.uniform(0, 2 * Math.PI);
 * console.log(angle === createRandom(42).uniform(0, 2 * Math.PI)); // true: same seed, same numbers
 */
export function createRandom(seed: number): Random {
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new TypeError(`createRandom: seed must be a finite number, received ${String(seed)}.`);
  }
  let s = (Math.floor(seed) ^ Math.floor(seed / 2 ** 32)) >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = 1;
  const sfc32 = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) sfc32();
  let spare: number | undefined;
  const next = () => ((sfc32() >>> 5) * 67108864 + (sfc32() >>> 6)) / 9007199254740992;
  return {
    next,
    uniform: (low, high) => low + (high - low) * next(),
    normal: () => {
      if (spare !== undefined) {
        const v = spare;
        spare = undefined;
        return v;
      }
      let u = 0;
      while (u === 0) u = next();
      const r = Math.sqrt(-2 * Math.log(u));
      const theta = 2 * Math.PI * next();
      spare = r * Math.sin(theta);
      return r * Math.cos(theta);
    },
  };
}
