import type { SolveResult } from '@lnn/ode';
import type { MechanicalSystem } from '@lnn/systems';

/** One model's rollouts, judged by the TRUE energy along them. */
export interface DampedRollout {
  /** The true energy along the model's trajectories, `[T][B]` (NaN after a stop). */
  readonly energy: number[][];
  /** Per initial state: max_t |E_model(t) − E_true(t)| / (E_true(0) − E_true(T)). */
  readonly decayError: number[];
  /** Per initial state: (E(0) − E(T)) / (E_true(0) − E_true(T)), the share of the true loss of energy reproduced. */
  readonly decayShare: number[];
  readonly status: string[];
}

/** The true energy along a rollout's states, `[T][B]`. */
export function trueEnergies(system: MechanicalSystem, r: SolveResult): number[][] {
  const d = system.dof;
  return Array.from(r.times, (_, t) =>
    Array.from({ length: r.batch }, (_, b) => {
      const o = (t * r.batch + b) * 2 * d;
      const [q, v] = [r.states.subarray(o, o + d), r.states.subarray(o + d, o + 2 * d)];
      return Number.isFinite(q[0] as number) ? system.energy(q, v) : Number.NaN;
    }),
  );
}

/** The decay measures of a model's energies `[T][B]` against the truth's. */
export function judge(energy: number[][], truth: number[][], status: string[]): DampedRollout {
  const last = truth.length - 1;
  const decayError = status.map((_, b) => {
    const drop = (truth[0]?.[b] as number) - (truth[last]?.[b] as number);
    return Math.max(...energy.map((row, t) => Math.abs((row[b] as number) - (truth[t]?.[b] as number)))) / drop;
  });
  const decayShare = status.map((_, b) => ((energy[0]?.[b] as number) - (energy[last]?.[b] as number)) / ((truth[0]?.[b] as number) - (truth[last]?.[b] as number)));
  return { energy, decayError, decayShare, status };
}

