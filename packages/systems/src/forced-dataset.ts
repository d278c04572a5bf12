import type { Dataset, StateSampler } from './dataset';
import { finiteSeed, sampleCount } from './internal/check';
import type { NonConservativeSystem } from './non-conservative-system';
import { createRandom, type Random } from './random';

/** Draws the control input u (length `controls`) of one sample at time t from a seeded generator. */
export type InputSampler = (rng: Random, t: number, u: Float64Array) => void;

/**
 * Each control uniform in `[low, high)`.
 *
 * @example
 * import { createRandom, uniformInput } from '@lnn/systems';
 * const sampleInput = uniformInput(-1.5, 1.5); // e.g. the sampleInput of forcedAccelerationDataset
 * const u = new Float64Array(3);
 * sampleInput(createRandom(0), 0, u);
 * console.log(u.every((x) => x >= -1.5 && x < 1.5)); // true
 */
export function uniformInput(low: number, high: number): InputSampler {
  if (typeof low !== 'number' || typeof high !== 'number' || !Number.isFinite(low) || !Number.isFinite(high) || low > high) {
    throw new RangeError(`uniformInput: low and high must be finite numbers with low ≤ high, received ${String(low)} and ${String(high)}.`);
  }
  return (rng, _t, u) => {
    for (let i = 0; i < u.length; i++) u[i] = rng.uniform(low, high);
  };
}

/**
 * The acceleration data set of a non-conservative system: like `accelerationDataset` (the same
 * seed gives the same `states`), plus for each sample a time `t` uniform in `time` and a control
 * input `u` from `sampleInput`, with the generalised forces Q(t, q, v, u) and the accelerations
 * of the full equations of motion. Arrays: `states` `[N, 2d]`, `times` `[N]`, `inputs` `[N, c]`,
 * `forces` `[N, d]`, `accelerations` `[N, d]`.
 *
 * @param options.time - `[t0, t1]`: the range times are drawn from. @default [0, 0]
 * @param options.sampleInput - required when the system has controls.
 * @example
 * import { drivenPendulum, forcedAccelerationDataset, uniformInput } from '@lnn/systems';
 * const p = drivenPendulum();
 * const ds = forcedAccelerationDataset(p, { count: 1000, seed: 0, sample: p.sampleState, sampleInput: uniformInput(-1.5, 1.5), time: [0, 10] });
 * console.log(ds.arrays.states?.shape, ds.arrays.inputs?.shape, ds.arrays.accelerations?.shape); // [1000, 2] [1000, 1] [1000, 1]
 */
export function forcedAccelerationDataset(
  system: NonConservativeSystem,
  options: {
    readonly count: number;
    readonly seed: number;
    readonly sample: StateSampler;
    readonly sampleInput?: InputSampler;
    readonly time?: readonly [number, number];
  },
): Dataset {
  const where = 'forcedAccelerationDataset';
  if (typeof system?.forcedAcceleration !== 'function') throw new TypeError(`${where}: system must be a NonConservativeSystem (with forcedAcceleration), received ${String(system?.name ?? system)}.`);
  const count = sampleCount(where, 'options.count', options.count);
  const seed = finiteSeed(where, 'options.seed', options.seed);
  const [t0, t1] = options.time ?? [0, 0];
  if (typeof t0 !== 'number' || typeof t1 !== 'number' || !Number.isFinite(t0) || !Number.isFinite(t1) || t0 > t1) {
    throw new RangeError(`${where}: options.time must be [t0, t1], finite with t0 ≤ t1, received ${JSON.stringify(options.time)}.`);
  }
  const c = system.controls;
  if (c > 0 && typeof options.sampleInput !== 'function') {
    throw new TypeError(`${where}: options.sampleInput is required, the system '${system.name}' has ${c} control input(s) (e.g. sampleInput: uniformInput(-1, 1)).`);
  }
  const d = system.dof;
  const rng = createRandom(seed);
  const states = new Float64Array(count * 2 * d);
  // The states first, drawn exactly as sampleStates draws them, then times and inputs.
  for (let b = 0; b < count; b++) options.sample(rng, states.subarray(2 * d * b, 2 * d * b + d), states.subarray(2 * d * b + d, 2 * d * (b + 1)));
  const times = new Float64Array(count);
  const inputs = new Float64Array(count * c);
  for (let b = 0; b < count; b++) {
    times[b] = t0 === t1 ? t0 : rng.uniform(t0, t1);
    if (c > 0) (options.sampleInput as InputSampler)(rng, times[b] as number, inputs.subarray(b * c, (b + 1) * c));
  }
  const forces = new Float64Array(count * d);
  const acc = new Float64Array(count * d);
  for (let b = 0; b < count; b++) {
    const [q, v, u, t] = [states.subarray(2 * d * b, 2 * d * b + d), states.subarray(2 * d * b + d, 2 * d * (b + 1)), inputs.subarray(b * c, (b + 1) * c), times[b] as number];
    system.force(t, q, v, u, forces.subarray(b * d, (b + 1) * d));
    system.forcedAcceleration(t, q, v, u, acc.subarray(b * d, (b + 1) * d));
    for (let i = b * d; i < (b + 1) * d; i++) {
      if (!Number.isFinite(acc[i] as number) || !Number.isFinite(forces[i] as number)) {
        throw new RangeError(`${where}: sample ${b} (state [${Array.from(states.subarray(2 * d * b, 2 * d * (b + 1))).join(', ')}], t = ${t}, u = [${Array.from(u).join(', ')}]) gives a non-finite force or acceleration; check the samplers.`);
      }
    }
  }
  return {
    kind: 'accelerations',
    system: system.name,
    seed,
    parameters: system.parameters,
    arrays: {
      states: { shape: [count, 2 * d], data: states },
      times: { shape: [count], data: times },
      inputs: { shape: [count, c], data: inputs },
      forces: { shape: [count, d], data: forces },
      accelerations: { shape: [count, d], data: acc },
    },
  };
}
