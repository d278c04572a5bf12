import type { Figure } from '../../experiment';
import { VEGA_LITE_SCHEMA } from '../../report/figures';
import type { VariationalAnalysis } from './analysis';
import { caseLabel, type PositionCase } from './settings';

/** The long-time energy of the variational rollouts: true energy error, the true L's floor, the learned energy. */
export function positionsFigures(cases: readonly PositionCase[], variational: readonly (VariationalAnalysis | undefined)[]): Figure[] {
  const rows: Record<string, unknown>[] = [];
  variational.forEach((v, i) => {
    if (v === undefined || v.times.length === 0) return;
    const stride = Math.max(1, Math.floor(v.times.length / 400));
    for (let t = 0; t < v.times.length; t += stride) {
      const point = (quantity: string, value: number | undefined) => {
        if (value !== undefined && Number.isFinite(value) && value > 0) rows.push({ case: caseLabel(cases[i]!), t: v.times[t], quantity, value });
      };
      point('true energy, learned L', v.trueEnergy[t]);
      point('true energy, true L (midpoint floor)', v.floor[t]);
      point('learned energy, learned L', v.learnedEnergy[t]);
    }
  });
  return [
    {
      file: 'positions-variational-energy.svg',
      caption: 'Positions only: energy along the variational rollouts of the LNN learned from positions (median over the starts, log scale) — bounded oscillation, no drift',
      spec: {
        $schema: VEGA_LITE_SCHEMA,
        data: { values: rows },
        facet: { column: { field: 'case', type: 'nominal', title: null } },
        spec: {
          width: 300,
          height: 200,
          mark: { type: 'line', strokeWidth: 1 },
          encoding: {
            x: { field: 't', type: 'quantitative', title: 't' },
            y: { field: 'value', type: 'quantitative', title: 'relative energy error', scale: { type: 'log' } },
            color: { field: 'quantity', type: 'nominal', title: null },
          },
        },
      },
    },
  ];
}
