import type { Figure } from '../../experiment';
import { VEGA_LITE_SCHEMA } from '../../report/figures';
import type { TransferRollout } from './transfer';

/** Rows of the error and energy figure: one per output time and series (non-finite values left out). */
function rows(rollouts: readonly (readonly [string, TransferRollout])[]): { t: number; value: number; series: string; mesh: string }[] {
  const out: { t: number; value: number; series: string; mesh: string }[] = [];
  for (const [mesh, r] of rollouts) {
    const add = (xs: Float64Array, series: string) => xs.forEach((x, i) => (Number.isFinite(x) && x > 0 ? out.push({ t: r.times[i] as number, value: x, series, mesh }) : undefined));
    add(r.positionError, 'position error, learned');
    add(r.trueEnergyDrift, 'true-energy drift, learned');
    add(r.truthEnergyDrift, 'true-energy drift, truth (Verlet)');
  }
  return out;
}

/** The rollouts on the unseen mesh and on the training disc: position error and true-energy drift against time (log scale). */
export function meshFigures(r: TransferRollout, disc: TransferRollout, label: string): Figure[] {
  return [
    {
      file: 'mesh-transfer.svg',
      caption: `Spring network, densities learned on the disc and run unchanged on the ${label}: position error ‖q − q_true‖ / ‖q_true − q_rest‖ and relative drift of the true energy along the rollout (log scale); beside it the same on the training disc. Lines end where a rollout stopped`,
      spec: {
        $schema: VEGA_LITE_SCHEMA,
        data: { values: rows([[label, r], ['training disc', disc]]) },
        facet: { column: { field: 'mesh', type: 'nominal', title: null, sort: [label, 'training disc'] } },
        spec: {
          width: 320,
          height: 240,
          mark: { type: 'line', point: true },
          encoding: {
            x: { field: 't', type: 'quantitative', title: 't' },
            y: { field: 'value', type: 'quantitative', title: 'relative error / drift', scale: { type: 'log' } },
            color: { field: 'series', type: 'nominal', title: null },
          },
        },
      },
    },
  ];
}
