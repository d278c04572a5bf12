import { evaluate, rollout, rolloutEnergies, variationalRollout, type DynamicsModel, type MlpLagrangian } from '@lnn/lagrangian';
import { dopri5, rk4, solve, variational } from '@lnn/ode';
import { doublePendulum, energies, lagrangianProblem, secondOrderProblem } from '@lnn/systems';
import type { PositionCase, PositionsSettings } from './settings';

/** A model's held-out error and the energy error of its continuous rollouts. */
export interface ModelAnalysis {
  /** Held-out q̈ MAE (exact test states). */
  readonly mae: number;
  /** |E_true(rollout) − E_true(start)| / 29.4 (the potential's range), mean over the times and starts, and at the end (mean over starts). */
  readonly energy: { readonly mean: number; readonly final: number; readonly stopped: number };
}

/** The variational rollout of a positions-only LNN from exact (q₀, q₁). */
export interface VariationalAnalysis {
  readonly ok: boolean;
  readonly message: string;
  readonly times: number[];
  /** Median over the starts, per time: true energy error (/29.4) of the learned model's rollout and of the true L's own midpoint integrator (the floor). */
  readonly trueEnergy: number[];
  readonly floor: number[];
  /** Median over the starts of |E_learned(t) − E_learned(0)| / |E_learned(0) − E_learned(rest)| — bounded if symplectic. */
  readonly learnedEnergy: number[];
  readonly maxTrueEnergy: number;
  readonly maxFloor: number;
  /** Max over the second half of the run vs the first: ≈ 1 for a bounded oscillation, growing for a drift. */
  readonly lateToEarly: number;
}

const dp = doublePendulum();
const median = (xs: number[]) => {
  const f = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return f.length === 0 ? Number.NaN : (f[Math.floor((f.length - 1) / 2)] as number);
};

/** The true energy error of `[T, B, 4]` states against each start's energy, as `[T][B]`. */
function energyErrors(states: Float64Array, e0: number[], T: number, reached: ArrayLike<number>): number[][] {
  const e = energies(dp, states);
  const B = e0.length;
  return Array.from({ length: T }, (_, t) => Array.from({ length: B }, (_, b) => (t < (reached[b] as number) ? Math.abs((e[t * B + b] as number) - (e0[b] as number)) / dp.potentialBound : Number.NaN)));
}

/** MAE on the test states and the energy error of an RK4 rollout from the slow starts. */
export function analyseModel(model: DynamicsModel, s: PositionsSettings, test: Parameters<typeof evaluate>[1], starts: Float64Array): ModelAnalysis {
  const mae = evaluate(model, test, { loss: 'l1', batchSize: 512 });
  const { horizon, dt, outputs, starts: B } = s.rollout;
  const times = Array.from({ length: outputs }, (_, k) => (k * horizon) / (outputs - 1));
  const r = rollout(model, starts, times, rk4({ dt }));
  const e0 = Array.from({ length: B }, (_, b) => dp.energy(starts.subarray(4 * b, 4 * b + 2), starts.subarray(4 * b + 2, 4 * b + 4)));
  const errors = energyErrors(r.states, e0, outputs, r.reached);
  const all = errors.flat().filter(Number.isFinite);
  const final = errors[outputs - 1]!.filter(Number.isFinite);
  return {
    mae,
    energy: {
      mean: all.length === 0 ? Number.NaN : all.reduce((a, x) => a + x, 0) / all.length,
      final: final.length === 0 ? Number.NaN : final.reduce((a, x) => a + x, 0) / final.length,
      stopped: r.status.filter((x) => x !== 'success').length,
    },
  };
}

/** The learned model's variational rollout from the starts' q₀ and the exact q₁ = q(Δt), beside the true L's. */
export function analyseVariational(model: MlpLagrangian, c: PositionCase, steps: number, starts: Float64Array): VariationalAnalysis {
  const B = starts.length / 4;
  const exact = solve(secondOrderProblem(dp), starts, [0, c.dt], dopri5({ rtol: 1e-12, atol: 1e-12 }));
  const pick = (rows: Float64Array) => Float64Array.from({ length: 2 * B }, (_, i) => rows[4 * Math.floor(i / 2) + (i % 2)] as number);
  const [q0, q1] = [pick(starts), pick(exact.states.subarray(4 * B))];
  const e0 = Array.from({ length: B }, (_, b) => dp.energy(starts.subarray(4 * b, 4 * b + 2), starts.subarray(4 * b + 2, 4 * b + 4)));
  const times = Array.from({ length: steps + 2 }, (_, k) => k * c.dt);
  const reference = solve(lagrangianProblem(dp), starts, times.slice(0, -1), variational({ dt: c.dt }));
  const floor = energyErrors(reference.states, e0, steps + 1, reference.reached).map(median);
  let r: ReturnType<typeof variationalRollout>;
  try {
    r = variationalRollout(model, q0, q1, { dt: c.dt, steps });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { ok: false, message: error.message, times: [], trueEnergy: [], floor, learnedEnergy: [], maxTrueEnergy: Number.NaN, maxFloor: Math.max(...floor), lateToEarly: Number.NaN };
  }
  const trueEnergy = energyErrors(r.states, e0, steps + 2, r.reached).map(median);
  const learned = rolloutEnergies(model, r);
  const rest = rolloutEnergies(model, { ...r, states: new Float64Array(4 * B), times: Float64Array.from([0]) }); // E at rest (q = q̇ = 0), per start
  const learnedEnergy = Array.from({ length: steps + 2 }, (_, t) =>
    median(Array.from({ length: B }, (_, b) => (t < (r.reached[b] as number) ? Math.abs((learned[t * B + b] as number) - (learned[b] as number)) / Math.abs((learned[b] as number) - (rest[b] as number)) : Number.NaN))),
  );
  const half = Math.floor(trueEnergy.length / 2);
  const maxOf = (xs: number[]) => xs.reduce((m, x) => (Number.isFinite(x) ? Math.max(m, x) : m), 0);
  return {
    ok: r.ok,
    message: r.message,
    times,
    trueEnergy,
    floor,
    learnedEnergy,
    maxTrueEnergy: maxOf(trueEnergy),
    maxFloor: maxOf(floor),
    lateToEarly: maxOf(learnedEnergy.slice(half)) / maxOf(learnedEnergy.slice(0, half)),
  };
}
