import type { DensityComparison } from './density-comparison';
import type { Dispersion } from './dispersion';
import type { RolloutSummary } from './analysis';
import { INITIAL_CONDITIONS } from './settings';
import { energyRows as fieldEnergyRows } from '../field-rollouts';

/** One cell of the φ(x, t) heat map. */
export interface HeatRow {
  source: string;
  x: number;
  x2: number;
  t: number;
  t2: number;
  phi: number;
}

/**
 * The pulse's φ(x, t), truth and learned, as heat-map cells. About 40 rows of time and 50 columns
 * of space (pairs of grid points averaged) keep the SVG near 400 kB.
 */
export function heatRows(summary: RolloutSummary, times: Float64Array, n: number, tEnd: number): HeatRow[] {
  const T = times.length;
  const heatStride = Math.max(1, Math.round((T - 1) / 40));
  const xBin = n >= 50 ? 2 : 1;
  const rows = [] as HeatRow[];
  const heatDt = tEnd / (T - 1);
  for (const [source, phis] of [['truth', summary.truePhi[0]], ['learned', summary.learnedPhi[0]]] as const) {
    for (let t = 0; t < T; t += heatStride) {
      const row = phis?.[t] ?? [];
      for (let x = 0; x + xBin <= row.length; x += xBin) {
        const phi = row.slice(x, x + xBin).reduce((a, b) => a + b, 0) / xBin;
        if (Number.isFinite(phi)) rows.push({ source, x, x2: x + xBin, t: Math.max(0, (times[t] as number) - (heatStride * heatDt) / 2), t2: Math.min(tEnd, (times[t] as number) + (heatStride * heatDt) / 2), phi: Number(phi.toFixed(4)) });
      }
    }
  }
  return rows;
}

/** φ along the ring at t = 0 and at the `marks`, truth and learned, for both initial conditions. */
export function snapshotRows(summary: RolloutSummary, times: Float64Array, marks: readonly number[]) {
  return INITIAL_CONDITIONS.flatMap((ic, b) =>
    [0, ...marks].flatMap((t) => [
      ...(summary.truePhi[b]?.[t] ?? []).map((phi, x) => ({ ic, time: `t = ${Number((times[t] as number).toPrecision(3))}`, order: t, source: 'truth', x, phi })),
      ...(summary.learnedPhi[b]?.[t] ?? []).filter(Number.isFinite).map((phi, x) => ({ ic, time: `t = ${Number((times[t] as number).toPrecision(3))}`, order: t, source: 'learned', x, phi })),
    ]),
  );
}

/** |relative energy drift| against time, three curves per initial condition (see `field-rollouts.ts`). */
export const energyRows = (summary: RolloutSummary, times: Float64Array) => fieldEnergyRows(INITIAL_CONDITIONS, summary, times);

/** The density on linear fields, true and learned (fitted scale and offset removed). */
export function densityRows(density: DensityComparison) {
  return Array.from(density.slope, (slope, r) => [
    { which: 'true ½(φ̇² − (∂φ/∂x)²)', slope, velocity: density.velocity[r] as number, value: density.truth[r] as number },
    { which: 'learned, (L − offset) / scale', slope, velocity: density.velocity[r] as number, value: ((density.learned[r] as number) - density.offset) / density.scale },
  ]).flat();
}

/** The whole L on held-out states, true against learned (fitted scale and offset removed). */
export function totalRows(density: DensityComparison) {
  return density.total === undefined ? [] : Array.from(density.total.truth, (truthL, r) => ({ truth: truthL, learned: ((density.total?.learned[r] as number) - (density.total?.offset ?? 0)) / (density.total?.scale ?? 1) }));
}

/** ω²(k), true and learned. */
export function dispersionRows(omega: Dispersion) {
  return omega.k.flatMap((m) => [
    { k: m, source: 'true 4 sin²(πk/n)', omega2: omega.truth[m] as number },
    { k: m, source: 'learned', omega2: omega.learned[m] as number },
  ]);
}
