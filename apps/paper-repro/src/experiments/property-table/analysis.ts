import type { ExperimentResult } from '../../experiment';
import { metricAt } from '../../report/format';
import type { OwnMeasurement } from './rollout';
import type { PropertyTableSettings } from './settings';

/** The property table's metrics, as metrics.json holds them. */
export type PropertyTableMetrics = ReturnType<typeof propertyTableMetrics>;

/**
 * The analysis stage: the own models' measurements beside the relativistic experiment's (its
 * error ratios and own-energy drifts), as metrics.json's `experiments.property-table.metrics`.
 */
export function propertyTableMetrics(s: PropertyTableSettings, own: Readonly<Record<string, OwnMeasurement>>, relativistic: ExperimentResult) {
  const r = relativistic.metrics;
  const ratio = (name: string) => metricAt(r, `${name}.relativeToZero`) as number;
  return {
    learnedBelow: s.learnedBelow,
    mlp: { relativeToZero: own.mlp?.ratio ?? null, trueEnergyDrift: own.mlp?.trueDrift ?? null },
    node: { relativeToZero: own.node?.ratio ?? null, trueEnergyDrift: own.node?.trueDrift ?? null },
    hnnCanonical: { relativeToZero: ratio('hnn-canonical'), ownEnergyDrift: metricAt(r, 'hnn-canonical.ownEnergyDrift') as number },
    hnnVelocity: { relativeToZero: ratio('hnn-velocity') },
    delan: { relativeToZero: ratio('delan'), ownEnergyDrift: metricAt(r, 'delan.ownEnergyDrift') as number },
    lnn: { relativeToZero: ratio('lnn'), ownEnergyDrift: metricAt(r, 'lnn.ownEnergyDrift') as number },
  };
}
