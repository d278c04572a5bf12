import { Delan, Hnn } from '@lnn/baselines';
import { evaluate, MlpLagrangian, type DynamicsModel } from '@lnn/lagrangian';
import type { ExperimentContext } from '../../experiment';
import { meanAbs } from '../../stats';
import { relativisticLagrangian } from '../relativistic-data';
import { trainWithCheckpoints, trainWithRestarts, type TrainingSummary } from '../training';
import type { RelativisticSamples } from './data';
import { LNN_INPUT_SCALE, type ModelSettings, type RelativisticSettings } from './settings';

/** A trained model: name (as in metrics.json), label (as in the report), the model, its settings. */
export type TrainedModel = [name: string, label: string, model: DynamicsModel, settings: ModelSettings];

/** The trained models (the caller disposes them), each training's summary and each model's weighted test MAE, by name. */
export interface RelativisticTraining {
  readonly models: TrainedModel[];
  readonly trainings: Record<string, TrainingSummary>;
  readonly weighted: Record<string, number>;
}

/**
 * The training stage: the LNN with seed restarts, then the HNN with q̇ as momentum, the HNN with
 * the canonical momentum and DeLaN, each followed by its weighted test MAE.
 */
export function trainRelativistic(context: ExperimentContext, s: RelativisticSettings, data: RelativisticSamples): RelativisticTraining {
  const seed = context.seed;
  const { train, test, validation } = data;
  const options = (t: ModelSettings) => ({
    loss: 'l1' as const,
    weightDecay: 1e-6,
    seed: 1000 * seed + 13,
    steps: t.steps,
    batchSize: t.batchSize,
    schedule: { kind: 'one-cycle' as const, peak: t.peak, total: t.steps },
    ...(t.beta2 === undefined ? {} : { adam: { beta2: t.beta2 } }),
    // Keep-best on separate validation samples: guards against a late collapse when H_vv passes near singular.
    keepBest: { data: validation },
  });
  const trainings: Record<string, TrainingSummary> = {};
  // The LNN leaves the q̈ ≈ 0 plateau at a random moment (the official notebook sat on it for ~117k steps):
  // initialisations are tried in turn until one has left it (validation MAE below acceptRatio × predicting 0).
  const restarts = s.lnn.restarts as NonNullable<ModelSettings['restarts']>;
  const lnnRun = trainWithRestarts(
    context,
    'lnn',
    'relativistic: training LNN',
    (candidate) => new MlpLagrangian({ dof: 1, extraDim: 1, hidden: s.lnn.hidden, inputScale: LNN_INPUT_SCALE, seed: 10 * seed + 1 + 100 * candidate }),
    train,
    test,
    { candidates: restarts.candidates, trialSteps: restarts.trialSteps, accept: restarts.acceptRatio * meanAbs(validation.qdd), validation },
    options(s.lnn),
  );
  trainings.lnn = lnnRun.summary;
  const models: TrainedModel[] = [
    ['lnn', 'LNN', lnnRun.model, s.lnn],
    ['hnn-velocity', 'HNN, q̇ as momentum', new Hnn({ dof: 1, extraDim: 1, momentum: 'velocity', hidden: s.hnn.hidden, seed: 10 * seed + 2 }), s.hnn],
    ['hnn-canonical', 'HNN, canonical momentum', new Hnn({ dof: 1, extraDim: 1, momentum: 'canonical', hidden: s.hnn.hidden, seed: 10 * seed + 3 }, { momentumMap: relativisticLagrangian }), s.hnn],
    ['delan', 'DeLaN', new Delan({ dof: 1, extraDim: 1, hidden: s.delan.hidden, seed: 10 * seed + 4 }), s.delan],
  ];
  const weighted: Record<string, number> = {};
  for (const [name, label, model, t] of models) {
    if (name !== 'lnn') trainings[name] = trainWithCheckpoints(context, name, `relativistic: training ${label}`, model, train, test, options(t));
    weighted[name] = evaluate(model, data.weightedTest);
  }
  return { models, trainings, weighted };
}
