import { dopri5, solve, type SolveMethod } from '@lnn/ode';
import { compileControlInput } from './control-input';
import type { Dataset, StateSampler } from './dataset';
import { finiteSeed, integerAtLeast, MAX_SAMPLES, positive, sampleCount } from './internal/check';
import { isNonConservative } from './non-conservative-system';
import { forcedProblem } from './forced-problem';
import { secondOrderProblem } from './problems';
import { createRandom } from './random';
import type { ControlInput, Signal } from './signal';
import type { MechanicalSystem } from './system';

/** Options of {@link positionTrajectories}. */
export interface PositionTrajectoriesOptions {
  /** N, the number of trajectories. */
  readonly count: number;
  /** Δt > 0, the sampling interval. */
  readonly dt: number;
  /** Intervals per trajectory: each has T = steps + 1 positions, at t₀ + kΔt, k = 0…steps. */
  readonly steps: number;
  /** Standard deviation of the Gaussian noise added to every observed position. @default 0 */
  readonly noise?: number;
  /** Seeds the initial states (drawn as `sampleStates` draws them) and then the noise. */
  readonly seed: number;
  /** Draws each trajectory's initial state (q, q̇). */
  readonly sample: StateSampler;
  /** t₀. @default 0 */
  readonly t0?: number;
  /**
   * Non-conservative systems only: the control input, the same for every trajectory or one per
   * trajectory (a function of its index). @default u ≡ 0
   */
  readonly input?: ControlInput | ((trajectory: number) => ControlInput);
  /** How the exact motion is integrated: an `@lnn/ode` method value. @default dopri5({ rtol: 1e-12, atol: 1e-12 }) */
  readonly method?: SolveMethod;
}

/** What {@link positionTrajectories} returns: what a learner may see, and what is kept aside. */
export interface PositionTrajectories {
  /**
   * Kind `'positions'`: `times` `[T]`, `positions` `[N, T, d]` (with noise), `noise` `[1]` (its
   * standard deviation) and, for systems with c > 0 controls, `inputs` `[N, T, c]` (u at the times).
   */
  readonly observed: Dataset;
  /**
   * For evaluation only — kind `'positions'`: `times` `[T]`, `positions` `[N, T, d]` (exact),
   * `velocities` `[N, T, d]` (exact q̇), `initial` `[N, 2d]`.
   */
  readonly truth: Dataset;
  /** Each trajectory's control input, one signal per control (empty lists without controls). */
  readonly signals: readonly (readonly Signal[])[];
}

/**
 * Positions-only trajectory data, as a camera or an encoder gives it: N trajectories of the true
 * system from sampled initial states, integrated accurately (adaptive Dormand–Prince at
 * rtol = atol = 1e-12 unless `method` says otherwise), sampled at `q(t₀ + kΔt)`, with Gaussian
 * noise of standard deviation `noise` added to each coordinate. The exact q and q̇ are kept apart
 * in `truth`. Works for conservative systems and, with `input`, for non-conservative ones. Same
 * seed, same data; with noise 0 the observed positions are the exact ones. A trajectory the
 * integrator cannot finish is an error naming it.
 *
 * @example
 * import { doublePendulum, positionTrajectories } from '@lnn/systems';
 * const dp = doublePendulum();
 * const { observed, truth } = positionTrajectories(dp, { count: 4, dt: 0.05, steps: 20, noise: 1e-3, seed: 0, sample: dp.sampleEnergyTestState });
 * console.log(observed.arrays.positions?.shape, truth.arrays.velocities?.shape); // [4, 21, 2] (noisy θ₁, θ₂) [4, 21, 2] (exact θ̇₁, θ̇₂)
 */
export function positionTrajectories(system: MechanicalSystem, options: PositionTrajectoriesOptions): PositionTrajectories {
  const where = 'positionTrajectories';
  if (typeof system?.acceleration !== 'function' || !Number.isInteger(system.dof)) throw new TypeError(`${where}: system must be a MechanicalSystem, received ${String(system)}.`);
  if (options == null || typeof options !== 'object') throw new TypeError(`${where}: options must be an object { count, dt, steps, noise, seed, sample }, received ${String(options)}.`);
  const count = sampleCount(where, 'options.count', options.count);
  const dt = positive(where, 'options.dt', options.dt);
  const steps = integerAtLeast(where, 'options.steps', options.steps, 1);
  if (count * (steps + 1) > MAX_SAMPLES) throw new RangeError(`${where}: options.count × (options.steps + 1) must be at most ${MAX_SAMPLES.toLocaleString('en')} (memory), received ${count * (steps + 1)}.`);
  const noise = positive(where, 'options.noise', options.noise ?? 0, true);
  const seed = finiteSeed(where, 'options.seed', options.seed);
  if (typeof options.sample !== 'function') throw new TypeError(`${where}: options.sample must be a state sampler (rng, q, v) => void, received ${String(options.sample)}.`);
  const t0 = options.t0 ?? 0;
  if (typeof t0 !== 'number' || !Number.isFinite(t0)) throw new RangeError(`${where}: options.t0 must be a finite number, received ${String(t0)}.`);
  const forced = isNonConservative(system) ? system : undefined;
  if (options.input !== undefined && forced === undefined) throw new TypeError(`${where}: options.input is for non-conservative systems; '${system.name}' takes no control input.`);
  const c = forced?.controls ?? 0;
  const d = system.dof;
  const T = steps + 1;
  const times = Float64Array.from({ length: T }, (_, k) => t0 + k * dt);
  const rng = createRandom(seed);
  const initial = new Float64Array(count * 2 * d);
  for (let n = 0; n < count; n++) options.sample(rng, initial.subarray(2 * d * n, 2 * d * n + d), initial.subarray(2 * d * n + d, 2 * d * (n + 1)));
  const exact = new Float64Array(count * T * d);
  const velocities = new Float64Array(count * T * d);
  const inputs = new Float64Array(count * T * c);
  const signals: (readonly Signal[])[] = [];
  const shared = secondOrderProblem(system);
  const method = options.method ?? dopri5({ rtol: 1e-12, atol: 1e-12 });
  const u = new Float64Array(c);
  for (let n = 0; n < count; n++) {
    const given = typeof options.input === 'function' ? options.input(n) : options.input;
    const list = given === undefined ? [] : ((Array.isArray(given) ? given : [given]) as readonly Signal[]);
    const problem = forced === undefined ? shared : forcedProblem(forced, { input: given as ControlInput | undefined });
    signals.push(list);
    const y0 = initial.subarray(2 * d * n, 2 * d * (n + 1));
    const result = solve(problem, y0, times, method);
    if (!result.ok) {
      throw new Error(
        `${where}: trajectory ${n} (initial state [${Array.from(y0).join(', ')}]) was not integrated to the end: ${result.message} Pass options.method with looser rtol/atol or a larger maxSteps (e.g. dopri5({ rtol: 1e-9, atol: 1e-9, maxSteps: 1e6 })), or sample milder states.`,
      );
    }
    const value = compileControlInput(given as ControlInput | undefined, c, where);
    for (let k = 0; k < T; k++) {
      const state = result.states.subarray(k * 2 * d, (k + 1) * 2 * d);
      exact.set(state.subarray(0, d), (n * T + k) * d);
      velocities.set(state.subarray(d), (n * T + k) * d);
      if (c > 0) {
        value(times[k] as number, u);
        inputs.set(u, (n * T + k) * c);
      }
    }
  }
  const observedPositions = Float64Array.from(exact);
  if (noise > 0) for (let i = 0; i < observedPositions.length; i++) observedPositions[i] = (observedPositions[i] as number) + noise * rng.normal();
  const meta = { system: system.name, seed, parameters: system.parameters };
  return {
    observed: {
      kind: 'positions',
      ...meta,
      arrays: {
        times: { shape: [T], data: times },
        positions: { shape: [count, T, d], data: observedPositions },
        noise: { shape: [1], data: Float64Array.of(noise) },
        ...(c > 0 ? { inputs: { shape: [count, T, c], data: inputs } } : {}),
      },
    },
    truth: {
      kind: 'positions',
      ...meta,
      arrays: {
        times: { shape: [T], data: Float64Array.from(times) },
        positions: { shape: [count, T, d], data: exact },
        velocities: { shape: [count, T, d], data: velocities },
        initial: { shape: [count, 2 * d], data: initial },
      },
    },
    signals,
  };
}
