import type { Figure } from '../../experiment';
import { trainingCurveSpec, VEGA_LITE_SCHEMA } from '../../report/figures';
import type { TrainingSummary } from '../training';
import type { WaveAnalysis } from './analysis';
import { densityRows, dispersionRows, energyRows, heatRows, snapshotRows, totalRows } from './figure-rows';
import type { WaveSettings } from './settings';

/** The figures of the rollouts: the pulse's φ(x, t), snapshots of φ, energy drift. */
function rolloutFigures(s: WaveSettings, a: WaveAnalysis, times: Float64Array): Figure[] {
  const { n, tEnd } = s.rollout;
  const horizon = `t = ${tEnd}`;
  return [
    {
      file: 'wave-propagation.svg',
      caption: `Wave: a Gaussian pulse travelling right on the ${n}-point ring, φ(x, t), truth and the learned density (it crosses the domain once by ${horizon})`,
      spec: {
        $schema: VEGA_LITE_SCHEMA,
        data: { values: heatRows(a.summary, times, n, tEnd) },
        facet: { column: { field: 'source', type: 'nominal', title: null, sort: ['truth', 'learned'] } },
        spec: {
          width: 260,
          height: 260,
          mark: { type: 'rect', aria: false },
          encoding: {
            x: { field: 'x', type: 'quantitative', title: 'grid point x', scale: { domain: [0, n], nice: false } },
            x2: { field: 'x2' },
            y: { field: 't', type: 'quantitative', title: 't', scale: { domain: [0, tEnd], nice: false } },
            y2: { field: 't2' },
            color: { field: 'phi', type: 'quantitative', title: 'φ', scale: { scheme: 'blueorange', domainMid: 0 } },
          },
        },
      },
    },
    {
      file: 'wave-snapshots.svg',
      caption: 'Wave: snapshots of φ along the ring, truth (dashed) and learned, for both initial conditions',
      spec: {
        $schema: VEGA_LITE_SCHEMA,
        data: { values: snapshotRows(a.summary, times, a.marks) },
        facet: {
          row: { field: 'time', type: 'ordinal', title: null, sort: { field: 'order' } },
          column: { field: 'ic', type: 'nominal', title: null },
        },
        spec: {
          width: 280,
          height: 80,
          mark: { type: 'line' },
          encoding: {
            x: { field: 'x', type: 'quantitative', title: 'grid point x' },
            y: { field: 'phi', type: 'quantitative', title: 'φ' },
            color: { field: 'source', type: 'nominal', title: null },
            strokeDash: { field: 'source', type: 'nominal', legend: null, scale: { domain: ['learned', 'truth'], range: [[1, 0], [4, 3]] } },
          },
        },
      },
    },
    {
      file: 'wave-energy.svg',
      caption: `Wave: relative energy drift |E(t) − E(0)| / (E(0) − E(rest)) along the rollouts (log scale); the learned model's own energy sits at its float32 resolution`,
      spec: {
        $schema: VEGA_LITE_SCHEMA,
        data: { values: energyRows(a.summary, times) },
        facet: { column: { field: 'ic', type: 'nominal', title: null } },
        spec: {
          width: 280,
          height: 220,
          mark: { type: 'line' },
          encoding: {
            x: { field: 't', type: 'quantitative' },
            y: { field: 'drift', type: 'quantitative', scale: { type: 'log' }, title: 'relative energy drift' },
            color: { field: 'curve', type: 'nominal', title: null, legend: { orient: 'bottom', direction: 'vertical' } },
          },
        },
      },
    },
  ];
}

/** The figures of the learned density: dispersion, the density on linear fields, the whole L, the training curve. */
function densityFigures(s: WaveSettings, a: WaveAnalysis, training: TrainingSummary): Figure[] {
  const { n } = s.rollout;
  return [
    {
      file: 'wave-dispersion.svg',
      caption: `Wave: the linearised dynamics of the learned density on the ${n}-point ring, ω²(k) of each Fourier mode, against the discrete wave's 4 sin²(πk/n) — the same for every equivalent Lagrangian`,
      spec: {
        $schema: VEGA_LITE_SCHEMA,
        width: 520,
        height: 240,
        data: { values: dispersionRows(a.omega) },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'k', type: 'quantitative', title: 'wavenumber k (periods around the ring)' },
          y: { field: 'omega2', type: 'quantitative', title: 'ω²' },
          color: { field: 'source', type: 'nominal', title: null },
          strokeDash: { field: 'source', type: 'nominal', legend: null, scale: { domain: ['learned', 'true 4 sin²(πk/n)'], range: [[1, 0], [4, 3]] } },
        },
      },
    },
    {
      file: 'wave-density.svg',
      caption: 'Wave: the density on linear fields φ = (−s, 0, s), φ̇ = (v, v, v) — the true ½(v² − s²) and the learned one with its fitted scale and offset removed',
      spec: {
        $schema: VEGA_LITE_SCHEMA,
        data: { values: densityRows(a.density) },
        facet: { column: { field: 'which', type: 'nominal', title: null, sort: 'descending' } },
        spec: {
          width: 220,
          height: 220,
          mark: { type: 'rect', aria: false },
          encoding: {
            x: { field: 'slope', type: 'ordinal', title: 'slope s = ∂φ/∂x', axis: { format: '.1f', labelOverlap: true } },
            y: { field: 'velocity', type: 'ordinal', title: 'velocity v = φ̇', sort: 'descending', axis: { format: '.1f', labelOverlap: true } },
            color: { field: 'value', type: 'quantitative', title: 'density', scale: { scheme: 'blueorange', domainMid: 0 } },
          },
        },
      },
    },
    {
      file: 'wave-lagrangian.svg',
      caption: `Wave: the whole Lagrangian (sum over the ${s.trainRing}-point ring) on held-out states, learned (scale and offset fitted) against true`,
      spec: {
        $schema: VEGA_LITE_SCHEMA,
        width: 320,
        height: 320,
        data: { values: totalRows(a.density) },
        layer: [
          { mark: { type: 'point', size: 12, opacity: 0.6 }, encoding: { x: { field: 'truth', type: 'quantitative', title: 'true L' }, y: { field: 'learned', type: 'quantitative', title: 'learned L, (L − offset) / scale' } } },
          {
            transform: [{ aggregate: [{ op: 'min', field: 'truth', as: 'lo' }, { op: 'max', field: 'truth', as: 'hi' }] }, { fold: ['lo', 'hi'], as: ['end', 'v'] }],
            mark: { type: 'line', color: 'gray', strokeDash: [4, 3] },
            encoding: { x: { field: 'v', type: 'quantitative' }, y: { field: 'v', type: 'quantitative' } },
          },
        ],
      },
    },
    {
      file: 'wave-training.svg',
      caption: 'Wave: held-out acceleration loss (L1) during training',
      spec: trainingCurveSpec(training.evaluations.map(([step, loss]) => ({ step, loss })), 'held-out L1 of φ̈', 220),
    },
  ];
}

/** The wave experiment's figures, in report order. */
export function waveFigures(s: WaveSettings, a: WaveAnalysis, training: TrainingSummary, times: Float64Array): Figure[] {
  return [...rolloutFigures(s, a, times), ...densityFigures(s, a, training)];
}
