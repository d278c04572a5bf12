import type { Figure } from '../../experiment';
import { trainingCurveSpec, VEGA_LITE_SCHEMA } from '../../report/figures';
import type { TrainingSummary } from '../training';
import type { MembraneAnalysis } from './analysis';
import { dispersionErrorRows, dispersionPathRows, energyRows, heatRows } from './figure-rows';
import type { MembraneRollouts } from './rollout';
import { INITIAL_CONDITIONS, type MembraneSettings } from './settings';

/** φ(x, y) at t = 0, the middle and the end, truth (top row) beside the learned density (bottom row), for initial condition `b`. */
function heatmap(s: MembraneSettings, r: MembraneRollouts, b: number, file: string): Figure {
  const { n } = s.rollout;
  const T = r.times.length;
  const at = [0, Math.round((T - 1) / 2), T - 1];
  return {
    file,
    caption: `Membrane: φ(x, y) on the ${n} × ${n} grid from a ${INITIAL_CONDITIONS[b] as string}, the exact discrete membrane (top) and the density learned on the ${s.trainGrid} × ${s.trainGrid} grid (bottom)`,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      data: {
        values: heatRows(
          [
            ['truth', r.truth],
            ['learned', r.learned],
          ],
          b,
          n,
          at,
          r.times,
        ),
      },
      facet: {
        row: { field: 'source', type: 'nominal', title: null, sort: ['truth', 'learned'] },
        column: { field: 'time', type: 'ordinal', title: null, sort: { field: 'order' } },
      },
      spec: {
        width: 180,
        height: 180,
        mark: { type: 'rect', aria: false },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: 'x', scale: { domain: [0, n], nice: false } },
          x2: { field: 'x2' },
          y: { field: 'y', type: 'quantitative', title: 'y', scale: { domain: [0, n], nice: false } },
          y2: { field: 'y2' },
          color: { field: 'phi', type: 'quantitative', title: 'φ', scale: { scheme: 'blueorange', domainMid: 0 } },
        },
      },
    },
  };
}

/** The membrane experiment's figures, in report order: heat maps, energy, dispersion, training. */
export function membraneFigures(s: MembraneSettings, a: MembraneAnalysis, r: MembraneRollouts, training: TrainingSummary): Figure[] {
  const { n } = s.rollout;
  return [
    heatmap(s, r, 0, 'membrane-bump.svg'),
    heatmap(s, r, 1, 'membrane-field.svg'),
    {
      file: 'membrane-energy.svg',
      caption: `Membrane: relative energy drift |E(t) − E(0)| / (E(0) − E(rest)) along the ${n} × ${n} rollouts (log scale)`,
      spec: {
        $schema: VEGA_LITE_SCHEMA,
        data: { values: energyRows(a.summary, r.times) },
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
    {
      file: 'membrane-dispersion.svg',
      caption: `Membrane: ω² of the learned linearised dynamics against the exact discrete ω² along the edges of the ${n} × ${n} grid's modes, (0, 0) → (${n / 2}, 0) → (${n / 2}, ${n / 2}) → (0, 0)`,
      spec: {
        $schema: VEGA_LITE_SCHEMA,
        width: 520,
        height: 240,
        data: { values: dispersionPathRows(a.dispersion) },
        mark: { type: 'line', point: { size: 8 } },
        encoding: {
          x: { field: 's', type: 'quantitative', title: 'position along the path (modes)' },
          y: { field: 'omega2', type: 'quantitative', title: 'ω²' },
          color: { field: 'source', type: 'nominal', title: null },
          strokeDash: { field: 'source', type: 'nominal', legend: null, scale: { domain: ['learned', 'true 4(sin²(kx/2) + sin²(ky/2))'], range: [[1, 0], [4, 3]] } },
          tooltip: [{ field: 'mode' }, { field: 'omega2' }],
        },
      },
    },
    {
      file: 'membrane-dispersion-error.svg',
      caption: `Membrane: relative error |ω²_learned − ω²_true| / ω²_true of every mode (mx, my) of the ${n} × ${n} grid (log colour scale; an unstable mode would show as 1)`,
      spec: {
        $schema: VEGA_LITE_SCHEMA,
        width: 300,
        height: 300,
        data: { values: dispersionErrorRows(a.dispersion) },
        mark: { type: 'rect', aria: false },
        encoding: {
          x: { field: 'mx', type: 'ordinal', title: 'mx', axis: { values: [-n / 4, 0, n / 4] } },
          y: { field: 'my', type: 'ordinal', title: 'my', sort: 'descending', axis: { values: [-n / 4, 0, n / 4] } },
          color: { field: 'error', type: 'quantitative', title: 'relative error', scale: { type: 'log', scheme: 'viridis' } },
        },
      },
    },
    {
      file: 'membrane-training.svg',
      caption: 'Membrane: held-out acceleration loss (L1) during training on the small grid',
      spec: trainingCurveSpec(training.evaluations.map(([step, loss]) => ({ step, loss })), 'held-out L1 of φ̈', 220),
    },
  ];
}
