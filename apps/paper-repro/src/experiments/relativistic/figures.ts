import type { Figure } from '../../experiment';
import { trainingCurveSpec, VEGA_LITE_SCHEMA } from '../../report/figures';
import type { RelativisticRollouts } from './rollout';
import { TRAJECTORIES } from './settings';
import type { RelativisticTraining } from './training';

/** The relativistic experiment's figures: velocity against time (truth and each model), and the training curves. */
export function relativisticFigures({ models, trainings }: RelativisticTraining, { times, truth, rollouts }: RelativisticRollouts): Figure[] {
  const outputs = times.length;
  const B = TRAJECTORIES.length;
  const trajectoryRows = [
    ...TRAJECTORIES.flatMap(([, v0, gi], b) => Array.from({ length: outputs }, (_, i) => ({ ic: `q̇₀ = ${v0}, g = ${gi}`, model: 'truth', t: times[i], v: truth[i * B + b] }))),
    ...models.flatMap(([name, label]) =>
      TRAJECTORIES.flatMap(([, v0, gi], b) => Array.from({ length: outputs }, (_, i) => ({ ic: `q̇₀ = ${v0}, g = ${gi}`, model: label, t: times[i], v: rollouts[name]?.velocity[i * B + b] }))),
    ),
  ].filter((row) => typeof row.v === 'number' && Number.isFinite(row.v) && Math.abs(row.v) < 3);
  const curve = models.flatMap(([name, label]) => (trainings[name]?.evaluations ?? []).map(([step, loss]) => ({ model: label, step, loss })));
  return [
    {
      file: 'relativistic-trajectories.svg',
      caption: 'Relativistic particle: velocity against time from two initial conditions, truth and each learned model (c = 1)',
      spec: {
        $schema: VEGA_LITE_SCHEMA,
        data: { values: trajectoryRows },
        facet: { column: { field: 'ic', type: 'nominal', title: null } },
        spec: {
          width: 300,
          height: 240,
          mark: { type: 'line' },
          encoding: {
            x: { field: 't', type: 'quantitative' },
            y: { field: 'v', type: 'quantitative', title: 'q̇' },
            color: { field: 'model', type: 'nominal' },
            strokeDash: { condition: { test: "datum.model === 'truth'", value: [4, 3] }, value: [1, 0] },
          },
        },
      },
    },
    {
      file: 'relativistic-training.svg',
      caption: 'Relativistic particle: held-out acceleration error during training',
      spec: trainingCurveSpec(curve, 'held-out MAE of q̈'),
    },
  ];
}
