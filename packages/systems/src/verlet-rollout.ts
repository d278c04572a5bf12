import { integerAtLeast, MAX_SAMPLES, positive } from './internal/check';
import type { MechanicalSystem } from './system';

/** Options of {@link verletRollout}. */
export interface VerletRolloutOptions {
  /** The step size Δt. */
  readonly dt: number;
  /** Steps to take (the rollout ends at t = steps · dt). */
  readonly steps: number;
  /** Record the state at every `every`-th step (step 0 included). Ignored when `atSteps` is given. @default steps */
  readonly every?: number;
  /** Record the state at exactly these steps instead (integers in [0, steps], ascending, repeats allowed). */
  readonly atSteps?: ArrayLike<number>;
}

/** What {@link verletRollout} returns. */
export interface VerletRolloutResult {
  /** `[T]`: the recorded times (step · dt). */
  readonly times: Float64Array;
  /** `[T, 2d]`: q then v at each recorded time; NaN from `reached` on when the rollout stopped. */
  readonly states: Float64Array;
  /** `[T]`: the system's energy at each recorded state. */
  readonly energies: Float64Array;
  /** `'non-finite'` when the state left the finite numbers (then `stoppedAtStep` says where). */
  readonly status: 'success' | 'non-finite';
  /** How many of the T records were written. */
  readonly reached: number;
  /** The step at which a non-finite state was found (NaN on success). */
  readonly stoppedAtStep: number;
}

/**
 * Störmer–Verlet (velocity Verlet, kick–drift–kick) on one state of a system with `q̈ = a(q)`, in
 * a tight loop: O(d) work besides one `system.acceleration` per step, no allocation per step. The
 * same arithmetic, in the same order, as `@lnn/ode`'s `verlet` — the same numbers to the last
 * bit — without its per-step copies. Symplectic: the energy error stays bounded (O(Δt²)).
 * A system's `maxStableStep` (if it has one) is enforced; a state that leaves the finite
 * numbers (checked every 64 steps and at each record) stops the rollout with status `'non-finite'`.
 *
 * @param y0 - `[2d]`: q then v.
 * @example
 * import { createRandom, verletRollout, wave2d } from '@lnn/systems';
 * const wave = wave2d({ nx: 32, ny: 32 });
 * const y0 = new Float64Array(2 * wave.dof);
 * wave.smoothRandomField(createRandom(0), y0.subarray(0, wave.dof), y0.subarray(wave.dof));
 * const r = verletRollout(wave, y0, { dt: 0.05, steps: 2000, every: 100 }); // t = 0 … 100
 * const drift = Math.max(...r.energies.map((e) => Math.abs(e / r.energies[0]! - 1)));
 * console.log(r.status, r.energies.length, drift); // success 21 ≈ 2.2e-5: bounded, O(Δt²) (dt = 0.1 gives ≈ 8.6e-5)
 */
export function verletRollout(system: MechanicalSystem, y0: ArrayLike<number>, options: VerletRolloutOptions): VerletRolloutResult {
  const where = 'verletRollout';
  const d = system.dof;
  if (y0?.length !== 2 * d) throw new RangeError(`${where}: y0 must hold 2·dof = ${2 * d} numbers (q then v), received ${y0?.length ?? String(y0)}.`);
  const dt = positive(where, 'options.dt', options?.dt);
  const maxStep = (system as { maxStableStep?: number }).maxStableStep;
  if (maxStep !== undefined && dt >= maxStep) {
    throw new RangeError(`${where}: options.dt = ${dt} is at or beyond the stability limit 2/ω_max = ${maxStep} of ${system.name}; Verlet would blow up. Use a smaller dt.`);
  }
  const steps = integerAtLeast(where, 'options.steps', options.steps, 0);
  const record = recordedSteps(where, steps, options);
  if (record.length * 2 * d > MAX_SAMPLES) {
    throw new RangeError(`${where}: ${record.length} records of ${2 * d} numbers exceed ${MAX_SAMPLES.toLocaleString('en')} numbers (memory); record fewer steps (options.every).`);
  }
  const q = Float64Array.from({ length: d }, (_, i) => y0[i] as number);
  const v = Float64Array.from({ length: d }, (_, i) => y0[d + i] as number);
  const a = new Float64Array(d);
  const times = new Float64Array(record.length).fill(Number.NaN);
  const states = new Float64Array(record.length * 2 * d).fill(Number.NaN);
  const energies = new Float64Array(record.length).fill(Number.NaN);
  let next = 0;
  let stoppedAtStep = Number.NaN;
  system.acceleration(q, v, a);
  for (let step = 0; ; step++) {
    if (step > 0) {
      for (let i = 0; i < d; i++) {
        v[i] = (v[i] as number) + 0.5 * dt * (a[i] as number);
        q[i] = (q[i] as number) + dt * (v[i] as number);
      }
      system.acceleration(q, v, a);
      for (let i = 0; i < d; i++) v[i] = (v[i] as number) + 0.5 * dt * (a[i] as number);
    }
    if ((step & 63) === 0 && !finite(v)) {
      stoppedAtStep = step;
      break;
    }
    for (; next < record.length && record[next] === step; next++) {
      const energy = system.energy(q, v);
      if (!Number.isFinite(energy) || !finite(q)) {
        stoppedAtStep = step;
        break;
      }
      times[next] = step * dt;
      states.set(q, next * 2 * d);
      states.set(v, next * 2 * d + d);
      energies[next] = energy;
    }
    if (!Number.isNaN(stoppedAtStep) || step >= steps || next >= record.length) break;
  }
  const status = Number.isNaN(stoppedAtStep) ? 'success' : 'non-finite';
  return { times, states, energies, status, reached: next, stoppedAtStep };
}

/** Whether every entry is finite (their sum is: a NaN or ±∞ anywhere makes it NaN or ±∞). */
function finite(x: Float64Array): boolean {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += (x[i] as number) * 0;
  return sum === 0;
}

/** The steps to record, ascending. */
function recordedSteps(where: string, steps: number, options: VerletRolloutOptions): Int32Array {
  if (options.atSteps !== undefined) {
    const at = options.atSteps;
    for (let r = 0; r < at.length; r++) {
      const s = at[r] as number;
      if (!Number.isInteger(s) || s < 0 || s > steps || (r > 0 && s < (at[r - 1] as number))) {
        throw new RangeError(`${where}: options.atSteps must be ascending integers in [0, ${steps}], received ${String(s)} at position ${r}.`);
      }
    }
    return Int32Array.from(at);
  }
  const every = integerAtLeast(where, 'options.every', options.every ?? Math.max(steps, 1), 1);
  return Int32Array.from({ length: Math.floor(steps / every) + 1 }, (_, r) => r * every);
}
