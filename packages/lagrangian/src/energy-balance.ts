import * as tf from '@tensorflow/tfjs-core';
import type { SolveResult } from '@lnn/ode';
import type { DissipativeLagrangian } from './dissipative-lagrangian';

/** What {@link energyBalance} returns; arrays `[T, B]` time-major like the rollout's states (NaN after a trajectory stopped). */
export interface EnergyBalance {
  /** The model's energy E(t) = q̇·∇_q̇L − L. */
  readonly energy: Float64Array;
  /** The power dE/dt = −q̇·∇_q̇D + q̇·Q at each output. */
  readonly power: Float64Array;
  /** The work ∫₀ᵗ power dt: composite Simpson at even outputs, plus a quadratic piece on the last interval at odd ones. */
  readonly work: Float64Array;
  /** Per trajectory, `max_t |E(t) − E(0) − work(t)|` over the times it reached: 0 up to the integrator and quadrature errors. */
  readonly residual: Float64Array;
  /** Per trajectory, `max_t |E(t) − E(0)|` over the times it reached — the scale of the change the residual is measured against. */
  readonly change: Float64Array;
}

/** Rows (time × trajectory) evaluated per model call. */
const ROWS = 4096;

/**
 * The energy balance of a {@link DissipativeLagrangian} along a rollout of it: E(t), the power,
 * the work ∫ power dt by Simpson's rule (the output times must be evenly spaced, at least 3), and
 * the residual `E(t) − E(0) − ∫₀ᵗ power` that must vanish along the model's own motion. The
 * inputs u are those of the rollout: `control` (u(t), as `rollout`'s) or fixed `extra`.
 *
 * @example
 * import { initBackend } from '@lnn/autodiff';
 * import { DissipativeLagrangian, energyBalance, rollout } from '@lnn/lagrangian';
 * import { rk4 } from '@lnn/ode';
 * await initBackend();
 * const model = new DissipativeLagrangian({ dof: 1, controls: 1, lagrangian: { hidden: [16] }, dissipation: { constant: true, initialScale: 0.5 }, force: { matrix: [1] } });
 * const control = (t: number, u: Float64Array) => u.fill(Math.cos(t)); // u(t) = cos t for every trajectory
 * const times = Array.from({ length: 11 }, (_, k) => 0.02 * k);
 * const r = rollout(model, [0.5, 0], times, rk4({ dt: 0.01 }), { control });
 * const balance = energyBalance(model, r, { control });
 * console.log(balance.residual[0], balance.change[0]); // a residual far below the change: E(t) − E(0) = ∫ power dt
 */
export function energyBalance(model: DissipativeLagrangian, result: SolveResult, options: { readonly control?: (t: number, u: Float64Array) => void; readonly extra?: ArrayLike<number> } = {}): EnergyBalance {
  const where = 'energyBalance';
  if (typeof model?.power !== 'function' || typeof model.energy !== 'function') throw new TypeError(`${where}: model must be a DissipativeLagrangian (with energy and power), received a '${String(model?.kind)}'.`);
  const d = model.dof;
  const p = model.extraDim;
  const { batch, dim, times } = result;
  if (dim !== 2 * d) throw new TypeError(`${where}: the rollout's states have ${dim} components, a model of ${d} coordinates needs ${2 * d}.`);
  const T = times.length;
  if (T < 3) throw new RangeError(`${where}: Simpson's rule needs at least 3 output times, the rollout has ${T}.`);
  const h = (times[1] as number) - (times[0] as number);
  for (let k = 1; k < T; k++) {
    const step = (times[k] as number) - (times[k - 1] as number);
    if (!(Math.abs(step - h) <= 1e-9 * Math.max(1, Math.abs(h)))) throw new RangeError(`${where}: the output times must be evenly spaced (Simpson's rule); step ${k} is ${step}, step 1 is ${h}.`);
  }
  if (p > 0 && options.control === undefined && options.extra?.length !== batch * p) {
    throw new TypeError(`${where}: give the rollout's inputs — options.control (u(t)) or options.extra (${batch}·${p} numbers), received ${options.extra?.length ?? 'neither'}.`);
  }
  const energy = new Float64Array(T * batch).fill(Number.NaN);
  const power = new Float64Array(T * batch).fill(Number.NaN);
  // Every (time, trajectory) row whose state is finite — a stopped trajectory is NaN from there on,
  // the others keep their values — with its input u, evaluated in batches of ROWS.
  const rows: number[] = [];
  const inputs = new Float32Array(T * batch * p);
  const u = new Float64Array(batch * p);
  if (p > 0 && options.control === undefined) u.set(Array.from(options.extra as ArrayLike<number>));
  for (let t = 0; t < T; t++) {
    if (options.control !== undefined) options.control(times[t] as number, u);
    if (p > 0) inputs.set(u, t * batch * p);
    for (let b = 0; b < batch; b++) {
      const o = (t * batch + b) * dim;
      if (result.states.subarray(o, o + dim).every(Number.isFinite)) rows.push(t * batch + b);
    }
  }
  for (let start = 0; start < rows.length; start += ROWS) {
    const chunk = rows.slice(start, start + ROWS);
    const n = chunk.length;
    const q = new Float32Array(n * d);
    const v = new Float32Array(n * d);
    const x = new Float32Array(n * p);
    chunk.forEach((row, i) => {
      q.set(result.states.subarray(row * dim, row * dim + d), i * d);
      v.set(result.states.subarray(row * dim + d, (row + 1) * dim), i * d);
      if (p > 0) x.set(inputs.subarray(row * p, (row + 1) * p), i * p);
    });
    const [e, w] = tf.tidy(() => {
      const args = [tf.tensor2d(q, [n, d]), tf.tensor2d(v, [n, d]), p > 0 ? tf.tensor2d(x, [n, p]) : undefined] as const;
      return [model.energy(...args), model.power(...args)];
    });
    const ev = e.dataSync();
    const wv = w.dataSync();
    tf.dispose([e, w]);
    chunk.forEach((row, i) => {
      energy[row] = ev[i] as number;
      power[row] = wv[i] as number;
    });
  }
  const work = new Float64Array(T * batch);
  const residual = new Float64Array(batch);
  const change = new Float64Array(batch);
  for (let b = 0; b < batch; b++) {
    const f = (k: number) => power[k * batch + b] as number;
    for (let k = 1; k < T; k++) {
      const prev = work[(k - 2 >= 0 ? k - 2 : 0) * batch + b] as number;
      // Even k: the last Simpson panel [k−2, k]; odd k: W(k−1) + the quadratic through k−1, k, k±1
      // over [k−1, k] (k − 2 when k + 1 is past the end or past where the trajectory stopped; the
      // trapezoid at k = 1 then).
      const ahead = k + 1 < T && Number.isFinite(f(k + 1));
      const last = ahead ? (h / 12) * (5 * f(k - 1) + 8 * f(k) - f(k + 1)) : k >= 2 ? (h / 12) * (-f(k - 2) + 8 * f(k - 1) + 5 * f(k)) : (h / 2) * (f(k - 1) + f(k));
      work[k * batch + b] = k % 2 === 0 ? prev + (h / 3) * (f(k - 2) + 4 * f(k - 1) + f(k)) : (work[(k - 1) * batch + b] as number) + last;
      const e0 = energy[b] as number;
      const ek = energy[k * batch + b] as number;
      const wk = work[k * batch + b] as number;
      if (!Number.isFinite(ek) || !Number.isFinite(wk)) continue; // stopped: the maxima are over the times reached
      residual[b] = Math.max(residual[b] as number, Math.abs(ek - e0 - wk));
      change[b] = Math.max(change[b] as number, Math.abs(ek - e0));
    }
  }
  return { energy, power, work, residual, change };
}
