import type { Cell, Table } from '../../experiment';
import { metricAt } from '../../report/format';
import type { PropertyTableMetrics } from './analysis';
import type { PropertyTableSettings } from './settings';

/** The property table, paper → this run: each cell a verdict with the measurement behind it, or "by construction". */
export function propertyTables(s: PropertyTableSettings, metrics: PropertyTableMetrics): Table[] {
  const learned = (path: string, what: string): Cell => {
    const value = metricAt(metrics, path) as number;
    return { prefix: `${value < s.learnedBelow ? 'yes' : 'no'} (${what} `, metric: path, suffix: ')' };
  };
  const conserved = (path: string): Cell => {
    const value = metricAt(metrics, path) as number;
    return { prefix: `${value < 1e-3 ? 'yes' : 'no'} (own-energy drift `, metric: path, suffix: ')' };
  };
  const drifts = (path: string): Cell => ({ prefix: 'no conserved quantity (true-energy drift ', metric: path, suffix: ')' });
  const paper = (x: string) => `paper: ${x}`;
  return [
    {
      title: 'Property table (paper → this run). Measured on the relativistic particle unless stated; "error" is held-out MAE of q̈ ÷ that of predicting 0',
      columns: ['property', 'neural net', 'neural ODE', 'HNN', 'DeLaN', 'LNN'],
      rows: [
        ['models dynamical systems', learned('mlp.relativeToZero', 'error'), learned('node.relativeToZero', 'error'), learned('hnnCanonical.relativeToZero', 'canonical p, error'), learned('delan.relativeToZero', 'error'), learned('lnn.relativeToZero', 'error')],
        ['learns differential equations', `${paper('no')}; ours predicts q̈, an ODE, by construction`, 'yes, by construction', 'yes, by construction', 'yes, by construction', 'yes, by construction'],
        ['learns exact conservation laws', drifts('mlp.trueEnergyDrift'), drifts('node.trueEnergyDrift'), conserved('hnnCanonical.ownEnergyDrift'), conserved('delan.ownEnergyDrift'), conserved('lnn.ownEnergyDrift')],
        ['learns from arbitrary coordinates', learned('mlp.relativeToZero', 'on (q, q̇): error'), learned('node.relativeToZero', 'on (q, q̇): error'), learned('hnnVelocity.relativeToZero', 'q̇ as momentum: error'), 'yes, by construction (any q; M(q) learned)', learned('lnn.relativeToZero', 'on (q, q̇): error')],
        ['learns arbitrary Lagrangians', '— (no Lagrangian)', '— (no Lagrangian)', '— (no Lagrangian)', learned('delan.relativeToZero', 'T not quadratic in q̇: error'), learned('lnn.relativeToZero', 'error')],
      ],
      notes: [
        "The paper's table: every model models dynamical systems; all but the neural net learn differential equations; HNN, DeLaN and LNN learn exact conservation laws; all but the HNN learn from arbitrary coordinates; only the LNN learns arbitrary Lagrangians.",
        `"yes" for learning means an error below ${s.learnedBelow} of the zero predictor's; "yes" for conservation means the model's own energy drifts less than 1e-3 (relative) along DOPRI5 rollouts (rtol 1e-7) from two initial conditions to t = 4. The neural net and neural ODE (${[3, ...s.hidden, 1].join('→')}, ${s.steps.toLocaleString('en')} steps) are trained here; the other columns come from the relativistic experiment.`,
      ],
    },
  ];
}
