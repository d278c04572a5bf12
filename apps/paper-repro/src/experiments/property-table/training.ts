import { MlpDynamics, NeuralOde } from '@lnn/baselines';
import type { DynamicsModel } from '@lnn/lagrangian';
import type { ExperimentContext } from '../../experiment';
import { trainWithCheckpoints, type TrainingSummary } from '../training';
import type { PropertyTableData } from './data';
import type { PropertyTableSettings } from './settings';

/** A model this experiment trains itself: name (as in metrics.json and its checkpoints), label, the model. */
export interface OwnModel {
  readonly name: 'mlp' | 'node';
  readonly label: string;
  readonly model: DynamicsModel;
}

/** The plain MLP (`mlp`) and the neural ODE (`node`), initialised (the caller trains and disposes them). */
export function ownModels(context: ExperimentContext, s: PropertyTableSettings): OwnModel[] {
  const seed = context.seed;
  return [
    { name: 'mlp', label: 'MLP (neural net)', model: new MlpDynamics({ dof: 1, extraDim: 1, hidden: s.hidden, seed: 10 * seed + 5 }) },
    { name: 'node', label: 'neural ODE', model: new NeuralOde({ dof: 1, extraDim: 1, hidden: s.hidden, seed: 10 * seed + 6 }) },
  ];
}

/** The training stage of one own model, on the relativistic samples. */
export function trainOwnModel(context: ExperimentContext, s: PropertyTableSettings, data: PropertyTableData, { name, label, model }: OwnModel): TrainingSummary {
  return trainWithCheckpoints(context, name, `property table: training the ${label}`, model, data.train, data.test, {
    loss: 'l1',
    weightDecay: 1e-6,
    seed: 1000 * context.seed + 13,
    steps: s.steps,
    batchSize: s.batchSize,
    schedule: { kind: 'one-cycle', peak: s.peak, total: s.steps },
  });
}
