import type { MembraneRolloutSummary } from './analysis';
import type { GridDispersion } from './dispersion';
import { INITIAL_CONDITIONS } from './settings';
import { energyRows as fieldEnergyRows } from '../field-rollouts';

/** One cell of a φ(x, y) heat map. */
export interface HeatRow {
  readonly source: string;
  readonly time: string;
  readonly order: number;
  readonly x: number;
  readonly x2: number;
  readonly y: number;
  readonly y2: number;
  readonly phi: number;
}

/**
 * φ(x, y) of trajectory `b` at the output indices `at`, truth and learned, as heat-map cells;
 * on grids of 48 or more a cell averages 2 × 2 nodes (≈ 1,000 cells a panel keep the SVG small).
 *
 * @param states - `[T, B, 2n]` rollout states (truth or learned).
 */
export function heatRows(sources: readonly (readonly [string, Float64Array])[], b: number, side: number, at: readonly number[], times: Float64Array): HeatRow[] {
  const B = INITIAL_CONDITIONS.length;
  const n = side * side;
  const bin = side >= 48 ? 2 : 1;
  const rows: HeatRow[] = [];
  for (const [source, states] of sources) {
    for (const t of at) {
      const base = (t * B + b) * 2 * n;
      for (let y = 0; y < side; y += bin) {
        for (let x = 0; x < side; x += bin) {
          let sum = 0;
          for (let dy = 0; dy < bin; dy++) for (let dx = 0; dx < bin; dx++) sum += states[base + (y + dy) * side + x + dx] as number;
          const phi = sum / (bin * bin);
          if (Number.isFinite(phi)) rows.push({ source, time: `t = ${Number((times[t] as number).toPrecision(3))}`, order: t, x, x2: x + bin, y, y2: y + bin, phi: Number(phi.toFixed(3)) });
        }
      }
    }
  }
  return rows;
}

/** |relative energy drift| against time, three curves per initial condition (see `field-rollouts.ts`). */
export const energyRows = (summary: MembraneRolloutSummary, times: Float64Array) => fieldEnergyRows(INITIAL_CONDITIONS, summary, times);

/** The relative ω² error of every mode, at its signed wavenumbers (mx, my); the uniform mode left out. */
export function dispersionErrorRows(d: GridDispersion) {
  const rows: { mx: number; my: number; error: number }[] = [];
  const signed = (m: number, size: number) => (m > size / 2 ? m - size : m);
  for (let my = 0; my < d.ny; my++) {
    for (let mx = 0; mx < d.nx; mx++) {
      const at = my * d.nx + mx;
      if (at === 0) continue;
      const error = Math.abs((d.learned[at] as number) - (d.truth[at] as number)) / (d.truth[at] as number);
      rows.push({ mx: signed(mx, d.nx), my: signed(my, d.ny), error: Number.isFinite(error) ? Number(error.toPrecision(3)) : 1 });
    }
  }
  return rows;
}

/**
 * ω² learned and true along the path (0, 0) → (n/2, 0) → (n/2, n/2) → (0, 0) through the modes
 * (the edges of the irreducible zone of the square grid), with the distance along it.
 */
export function dispersionPathRows(d: GridDispersion) {
  const half = Math.floor(d.nx / 2);
  const path: [number, number][] = [];
  for (let m = 0; m <= half; m++) path.push([m, 0]);
  for (let m = 1; m <= half; m++) path.push([half, m]);
  for (let m = half - 1; m >= 0; m--) path.push([m, m]);
  return path.flatMap(([mx, my], s) => {
    const at = my * d.nx + mx;
    return [
      { s, mode: `(${mx}, ${my})`, source: 'true 4(sin²(kx/2) + sin²(ky/2))', omega2: d.truth[at] as number },
      { s, mode: `(${mx}, ${my})`, source: 'learned', omega2: d.learned[at] as number },
    ];
  });
}
