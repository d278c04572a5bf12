import type { Figure } from '../../experiment';
import { trainingCurveSpec, VEGA_LITE_SCHEMA } from '../../report/figures';
import type { DoublePendulumMetrics } from './analysis';
import type { DoublePendulumRollouts } from './rollout';
import type { DoublePendulumSettings } from './settings';
import { DOUBLE_PENDULUM_MODELS as models, type DoublePendulumTraining } from './training';

/** The double pendulum's figures: energy error over time and per initial condition, training curves, the length check. */
export function doublePendulumFigures(s: DoublePendulumSettings, { trainings }: DoublePendulumTraining, { times, energy }: DoublePendulumRollouts, { lengthCheck }: DoublePendulumMetrics): Figure[] {
  const { count } = s.energy;
  const curve = models.flatMap(([name, label]) => (trainings[name]?.evaluations ?? []).map(([step, loss]) => ({ model: label, step, loss })));
  const overTime = models.flatMap(([name, label]) =>
    (energy[name]?.medianOverTime ?? []).map((e, i) => ({ model: label, t: times[i], error: Math.max(e, 1e-12) })),
  ).filter((row) => row.t !== 0 && Number.isFinite(row.error));
  const perIc = models.flatMap(([name, label]) => (energy[name]?.final ?? []).filter(Number.isFinite).map((e) => ({ model: label, error: Math.max(e, 1e-12) })));
  return [
    {
      file: 'double-pendulum-energy.svg',
      caption: `Double pendulum: median energy error over the ${count} rollouts against time (log scale)`,
      spec: {
        $schema: VEGA_LITE_SCHEMA,
        width: 520,
        height: 260,
        data: { values: overTime },
        mark: { type: 'line' },
        encoding: {
          x: { field: 't', type: 'quantitative', title: 't' },
          y: { field: 'error', type: 'quantitative', scale: { type: 'log' }, title: '|ΔE| / 29.4 (median)' },
          color: { field: 'model', type: 'nominal' },
        },
      },
    },
    {
      file: 'double-pendulum-final-energy.svg',
      caption: 'Double pendulum: final-time energy error of each rollout (the official metric), one tick per initial condition',
      spec: {
        $schema: VEGA_LITE_SCHEMA,
        width: 520,
        data: { values: perIc },
        mark: { type: 'tick' },
        encoding: {
          x: { field: 'error', type: 'quantitative', scale: { type: 'log' }, title: '|ΔE| / 29.4 at t = 100' },
          y: { field: 'model', type: 'nominal', title: null },
          color: { field: 'model', type: 'nominal', legend: null },
        },
      },
    },
    {
      file: 'double-pendulum-training.svg',
      caption: 'Double pendulum: held-out acceleration error during training',
      spec: trainingCurveSpec(curve, 'held-out MAE of q̈'),
    },
    ...(lengthCheck === null
      ? []
      : [
          {
            file: 'double-pendulum-length.svg',
            caption: `Double pendulum: the LNN trained by the same recipe for ${lengthCheck.steps.map((n) => n.toLocaleString('en')).join(' and ')} steps (each its own one-cycle schedule), held-out MAE during training`,
            spec: trainingCurveSpec(
              lengthCheck.steps.flatMap((n, k) => (lengthCheck.heldOutHistory[k] ?? []).map(([step, loss]) => ({ model: `LNN, ${n.toLocaleString('en')} steps`, step, loss }))),
              'held-out MAE of q̈',
            ),
          },
        ]),
  ];
}
