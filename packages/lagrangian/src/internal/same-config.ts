import type { DynamicsModel } from '../dynamics-model';

/**
 * Whether a configuration saved with a checkpoint describes the same model as `model.config`:
 * equal JSON, or — for a file written by an earlier version, whose configuration spells an option
 * the old way (a solver as `{ inverse: 'pinv' }`, say) — equal JSON once the saved configuration
 * has been read the way the model's own constructor reads it today (a model of the same class is
 * built from it, compared and disposed; a constructor that refuses it means "not the same").
 */
export function sameConfig(saved: unknown, model: DynamicsModel): boolean {
  const current = JSON.stringify(model.config);
  if (JSON.stringify(saved) === current) return true;
  const Kind = model.constructor as new (config: unknown) => DynamicsModel;
  let rebuilt: DynamicsModel | undefined;
  try {
    rebuilt = new Kind(saved);
    return rebuilt.kind === model.kind && JSON.stringify(rebuilt.config) === current;
  } catch {
    return false;
  } finally {
    rebuilt?.dispose();
  }
}
