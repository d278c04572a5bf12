/**
 * Measures of field rollouts shared by the graph-network experiments (the 1D wave and the 2D
 * membrane): states are `[T, B, 2n]` (output time, initial condition, [φ, φ̇]), energies `[T, B]`.
 */

/** (E(t) − E(0)) / |E(0) − rest| per initial condition and output time. */
export function relativeDrift(energy: Float64Array, T: number, B: number, rest: number): number[][] {
  return Array.from({ length: B }, (_, b) => {
    const e0 = energy[b] as number;
    const scale = Math.abs(e0 - rest);
    return Array.from({ length: T }, (_, t) => ((energy[t * B + b] as number) - e0) / scale);
  });
}

/** ‖φ_learned(t) − φ_true(t)‖₂ / ‖φ_true(t)‖₂ per initial condition and output time. */
export function fieldErrors(learned: Float64Array, truth: Float64Array, T: number, B: number, n: number): number[][] {
  return Array.from({ length: B }, (_, b) =>
    Array.from({ length: T }, (_, t) => {
      let [err, norm] = [0, 0];
      for (let i = 0; i < n; i++) {
        const at = (t * B + b) * 2 * n + i;
        err += ((learned[at] as number) - (truth[at] as number)) ** 2;
        norm += (truth[at] as number) ** 2;
      }
      return Math.sqrt(err / norm);
    }),
  );
}

/** The three relative-drift curves of a rollout summary, per initial condition. */
export interface EnergyDrifts {
  readonly trueEnergy: readonly (readonly number[])[];
  readonly learnedEnergy: readonly (readonly number[])[];
  readonly floorEnergy: readonly (readonly number[])[];
}

/** |relative energy drift| against time (floored at 1e-12 for the log scale), three curves per initial condition. */
export function energyRows(initialConditions: readonly string[], summary: EnergyDrifts, times: Float64Array) {
  return initialConditions.flatMap((ic, b) =>
    (
      [
        ['true energy, learned rollout', summary.trueEnergy[b]],
        ["learned model's energy, learned rollout", summary.learnedEnergy[b]],
        ['true energy, true equations by RK4 (integrator floor)', summary.floorEnergy[b]],
      ] as const
    ).flatMap(([curve, values]) =>
      (values ?? []).map((e, t) => ({ ic, curve, t: times[t] as number, drift: Math.max(Math.abs(e), 1e-12) })).filter((row) => row.t > 0 && Number.isFinite(row.drift)),
    ),
  );
}
