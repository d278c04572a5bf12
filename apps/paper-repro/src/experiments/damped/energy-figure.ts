import { VEGA_LITE_SCHEMA } from '../../report/figures';
import { DAMPED_INITIAL_STATES } from './settings';

/**
 * The damped experiments' energy figure: the true energy E along the true motion (dashed) and
 * along each model's rollout (solid), one panel per initial state at rest. `energy[k][b]`: output
 * time k, initial state b; non-finite values (a stopped rollout) are left out.
 */
export function dampedEnergySpec(times: readonly number[], truthEnergy: readonly (readonly number[])[], models: readonly { readonly label: string; readonly energy: readonly (readonly number[])[] }[]): Readonly<Record<string, unknown>> {
  const rows = times.flatMap((t, k) =>
    DAMPED_INITIAL_STATES.flatMap((y, b) => {
      const ic = `θ = (${y[0]}, ${y[1]})`;
      return [{ t, ic, source: 'truth', E: truthEnergy[k]?.[b] }, ...models.map((m) => ({ t, ic, source: m.label, E: m.energy[k]?.[b] }))].filter((row) => Number.isFinite(row.E));
    }),
  );
  return {
    $schema: VEGA_LITE_SCHEMA,
    data: { values: rows },
    facet: { column: { field: 'ic', type: 'nominal', title: null } },
    spec: {
      width: 220,
      height: 200,
      mark: { type: 'line' },
      encoding: {
        x: { field: 't', type: 'quantitative', title: 't' },
        y: { field: 'E', type: 'quantitative', title: 'true energy E', scale: { zero: false } },
        color: { field: 'source', type: 'nominal', title: null },
        strokeDash: { field: 'source', type: 'nominal', legend: null, scale: { domain: ['truth', ...models.map((m) => m.label)], range: [[4, 3], ...models.map(() => [1, 0])] } },
      },
    },
  };
}
