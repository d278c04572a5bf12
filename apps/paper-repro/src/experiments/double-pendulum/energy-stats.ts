import { doublePendulum, energies } from '@lnn/systems';
import { summarize } from '../../stats';

/** |E_true(predicted) − E_true(truth)| / 29.4 at every output time, `[T, B]`. */
export function energyErrors(predicted: Float64Array, truth: Float64Array, T: number, B: number): Float64Array {
  const dp = doublePendulum();
  const ep = energies(dp, predicted);
  const et = energies(dp, truth);
  const out = new Float64Array(T * B);
  for (let i = 0; i < T * B; i++) out[i] = Math.abs((ep[i] as number) - (et[i] as number)) / dp.potentialBound;
  return out;
}

/** The energy errors of a set of rollouts, summarised (what the `energy-*` and `integrator-floor` stages cache). */
export interface EnergyStats {
  /** The official metric per initial condition: error at the final time. */
  final: number[];
  /** Mean over the whole trajectory per initial condition. */
  trajectory: number[];
  /** Median over initial conditions at each output time (for the figure). */
  medianOverTime: number[];
  stopped: number;
}

/** Summarises `[T, B]` energy errors; `status` counts the trajectories that stopped early. */
export function energyStats(errors: Float64Array, T: number, B: number, status: readonly string[]): EnergyStats {
  const final: number[] = [];
  const trajectory: number[] = [];
  for (let b = 0; b < B; b++) {
    final.push(errors[(T - 1) * B + b] as number);
    let total = 0;
    for (let t = 0; t < T; t++) total += errors[t * B + b] as number;
    trajectory.push(total / T);
  }
  const medianOverTime = Array.from({ length: T }, (_, t) => summarize(errors.subarray(t * B, (t + 1) * B)).median);
  return { final, trajectory, medianOverTime, stopped: status.filter((s) => s !== 'success').length };
}
