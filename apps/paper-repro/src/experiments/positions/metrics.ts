import type { Metrics } from '../../experiment';
import type { ModelAnalysis, VariationalAnalysis } from './analysis';
import { caseKey, type PositionCase } from './settings';
import type { TrainingRecord } from './training';

/** What one observation setting produced. */
export interface CaseResult {
  readonly positions: { readonly training: TrainingRecord; readonly analysis: ModelAnalysis };
  readonly mlp: { readonly training: TrainingRecord; readonly analysis: ModelAnalysis };
  /** Held-out fourth-order position loss of the true L on this case's data: the discretisation's floor. */
  readonly trueFloor: number;
  readonly variational?: VariationalAnalysis;
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);
const model = (m: { training: TrainingRecord; analysis: ModelAnalysis }) => ({
  mae: finite(m.analysis.mae),
  energy: { mean: finite(m.analysis.energy.mean), final: finite(m.analysis.energy.final), stopped: m.analysis.energy.stopped },
  training: { steps: m.training.steps, skipped: m.training.skipped, seconds: m.training.seconds, stepsPerSecond: m.training.stepsPerSecond, finalLoss: finite(m.training.finalLoss), keptStep: m.training.keptStep, validationLoss: m.training.validationLoss === null ? null : finite(m.training.validationLoss) },
});

/** The experiment's metrics (metrics.json's `experiments.positions.metrics`; the tables read them). */
export function positionsMetrics(cases: readonly PositionCase[], results: readonly CaseResult[], velocity: { training: TrainingRecord; analysis: ModelAnalysis }, zeroMae: number, ceiling: number): Metrics {
  const reference = velocity.analysis.mae;
  return {
    zeroMae,
    /** The regime's energy ceiling above the rest state (true energy units). */
    energyCeiling: ceiling,
    /** The velocity-supervised LNN's MAE over predicting 0: the ratios test the target only well below 1 (the plateau is ≈ 1). */
    velocityToZero: finite(reference / zeroMae),
    velocity: model(velocity),
    cases: Object.fromEntries(
      results.map((r, i) => [
        caseKey(i),
        {
          dt: cases[i]!.dt,
          noise: cases[i]!.noise,
          positions: { ...model(r.positions), ratioToVelocity: finite(r.positions.analysis.mae / reference) },
          mlp: { ...model(r.mlp), ratioToVelocity: finite(r.mlp.analysis.mae / reference) },
          trueFloor: finite(r.trueFloor),
          variational:
            r.variational === undefined
              ? null
              : { status: r.variational.ok ? 'success' : r.variational.message, maxTrueEnergy: finite(r.variational.maxTrueEnergy), maxFloor: finite(r.variational.maxFloor), lateToEarly: finite(r.variational.lateToEarly), steps: Math.max(0, r.variational.times.length - 2) },
        },
      ]),
    ),
  };
}
