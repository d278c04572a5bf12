import { dopri5, solve, type SolveMethod, type SolveOptions } from '@lnn/ode';
import { finiteSeed, integerAtLeast, sampleCount } from './internal/check';
import { secondOrderProblem } from './problems';
import { createRandom, type Random } from './random';
import type { MechanicalSystem } from './system';

/** A named float64 array with its shape. */
export interface DataArray {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/**
 * A data set: metadata plus named arrays. Acceleration data sets hold `states` `[N, 2d]` (q then v)
 * and `accelerations` `[N, d]`; trajectory data sets hold `initial` `[N, 2d]`, `times` `[T]`,
 * `states` `[T, N, 2d]` and `reached` `[N]` (output times reached; T unless the integrator
 * stopped); positions-only data sets (`positionTrajectories`) hold `times` `[T]` and `positions`
 * `[N, T, d]`. Systems may add arrays (the relativistic particle adds `g` and `momenta`).
 */
export interface Dataset {
  readonly kind: 'accelerations' | 'trajectories' | 'positions';
  readonly system: string;
  readonly seed: number;
  readonly parameters: Readonly<Record<string, number>>;
  readonly arrays: Readonly<Record<string, DataArray>>;
}

/** Draws one state (q, v of length d) from a seeded generator. */
export type StateSampler = (rng: Random, q: Float64Array, v: Float64Array) => void;

/** Fills `[count, 2d]` states from a sampler. */
export function sampleStates(system: MechanicalSystem, sample: StateSampler, count: number, seed: number): Float64Array {
  sampleCount('sampleStates', 'count', count, 0);
  const d = system.dof;
  const rng = createRandom(finiteSeed('sampleStates', 'seed', seed));
  const states = new Float64Array(count * 2 * d);
  for (let b = 0; b < count; b++) sample(rng, states.subarray(2 * d * b, 2 * d * b + d), states.subarray(2 * d * b + d, 2 * d * (b + 1)));
  return states;
}

/**
 * `(states, accelerations)` pairs: states drawn i.i.d. by `sample`, targets from the system's
 * (closed-form) accelerations. Same seed, same data.
 *
 * @example
 * import { accelerationDataset, doublePendulum } from '@lnn/systems';
 * const dp = doublePendulum();
 * const ds = accelerationDataset(dp, { count: 1000, seed: 0, sample: dp.sampleTrainingState });
 * console.log(ds.arrays.states?.shape, ds.arrays.accelerations?.shape); // [1000, 4] [1000, 2]
 */
export function accelerationDataset(
  system: MechanicalSystem,
  options: { readonly count: number; readonly seed: number; readonly sample: StateSampler },
): Dataset {
  const count = sampleCount('accelerationDataset', 'options.count', options.count);
  finiteSeed('accelerationDataset', 'options.seed', options.seed);
  const d = system.dof;
  const states = sampleStates(system, options.sample, count, options.seed);
  const acc = new Float64Array(count * d);
  for (let b = 0; b < count; b++) {
    const o = 2 * d * b;
    system.acceleration(states.subarray(o, o + d), states.subarray(o + d, o + 2 * d), acc.subarray(b * d, (b + 1) * d));
  }
  return {
    kind: 'accelerations',
    system: system.name,
    seed: options.seed,
    parameters: system.parameters,
    arrays: { states: { shape: [count, 2 * d], data: states }, accelerations: { shape: [count, d], data: acc } },
  };
}

/**
 * Trajectories of the true system from sampled initial states, at the requested times, by
 * `@lnn/ode`'s `solve` with `options.method` (default: `dopri5({ rtol: 1e-10, atol: 1e-10 })`).
 *
 * @example
 * import { rk4 } from '@lnn/ode';
 * import { doublePendulum, trajectoryDataset } from '@lnn/systems';
 * const dp = doublePendulum();
 * const ds = trajectoryDataset(dp, { count: 4, seed: 1, sample: dp.sampleEnergyTestState, times: [0, 0.5, 1] });
 * console.log(ds.arrays.states?.shape, ds.arrays.reached?.data); // [3, 4, 4], all 3 times reached
 * const rough = trajectoryDataset(dp, { count: 4, seed: 1, sample: dp.sampleEnergyTestState, times: [0, 0.5, 1], method: rk4({ dt: 0.01 }) });
 * console.log(Math.abs(rough.arrays.states!.data[32]! - ds.arrays.states!.data[32]!)); // ≈ 2e-7: RK4 at h = 0.01 against DOPRI5 at 1e-10, θ₁ at t = 1
 */
export function trajectoryDataset(
  system: MechanicalSystem,
  options: {
    readonly count: number;
    readonly seed: number;
    readonly sample: StateSampler;
    readonly times: ArrayLike<number>;
    /** The `@lnn/ode` method. @default dopri5({ rtol: 1e-10, atol: 1e-10 }) */
    readonly method?: SolveMethod;
    /** @deprecated Pass `method` (e.g. `dopri5({ rtol: 1e-6, atol: 1e-6 })`): the old options object, over rtol = atol = 1e-10. */
    readonly solver?: SolveOptions;
  },
): Dataset {
  const count = sampleCount('trajectoryDataset', 'options.count', options.count);
  finiteSeed('trajectoryDataset', 'options.seed', options.seed);
  const d = system.dof;
  const initial = sampleStates(system, options.sample, count, options.seed);
  if (options.method !== undefined && options.solver !== undefined) {
    throw new TypeError('trajectoryDataset: options.method and the deprecated options.solver were both given; keep only method.');
  }
  const problem = secondOrderProblem(system);
  const result =
    options.solver === undefined
      ? solve(problem, initial, options.times, options.method ?? dopri5({ rtol: 1e-10, atol: 1e-10 }))
      : solve(problem, initial, options.times, { rtol: 1e-10, atol: 1e-10, ...options.solver });
  return {
    kind: 'trajectories',
    system: system.name,
    seed: options.seed,
    parameters: system.parameters,
    arrays: {
      initial: { shape: [count, 2 * d], data: initial },
      times: { shape: [result.times.length], data: result.times },
      states: { shape: [result.times.length, count, 2 * d], data: result.states },
      reached: { shape: [count], data: Float64Array.from(result.reached) },
    },
  };
}

/**
 * Splits `[N, 2d]` states (q then q̇ per row, as the data sets and samplers store them) into `q`
 * and `q̇` arrays of `[N, d]` — the layout the trainers take.
 *
 * @example
 * import { accelerationDataset, doublePendulum, splitStates } from '@lnn/systems';
 * const dp = doublePendulum();
 * const ds = accelerationDataset(dp, { count: 3, seed: 0, sample: dp.sampleTrainingState });
 * const { q, qdot } = splitStates(ds.arrays.states!.data, 2);
 * console.log(q.length, qdot.length); // 6 6: [3, 2] each
 */
export function splitStates(states: Float64Array, dof: number): { q: Float64Array; qdot: Float64Array } {
  const d = integerAtLeast('splitStates', 'dof', dof, 1);
  const count = states.length / (2 * d);
  if (!Number.isInteger(count)) throw new TypeError(`splitStates: states must hold N·${2 * d} numbers, received ${states.length}.`);
  const q = new Float64Array(count * d);
  const qdot = new Float64Array(count * d);
  for (let b = 0; b < count; b++) {
    q.set(states.subarray(2 * d * b, 2 * d * b + d), d * b);
    qdot.set(states.subarray(2 * d * b + d, 2 * d * (b + 1)), d * b);
  }
  return { q, qdot };
}
