import { GraphLagrangian, periodicGridGraph } from '@lnn/graph-lagrangian';
import * as tf from '@tensorflow/tfjs-core';
import { LinalgError } from '@lnn/autodiff';
import { evaluate, type TrainingData } from '@lnn/lagrangian';
import type { ExperimentContext } from '../../experiment';
import { trainWithRestarts, type TrainingSummary } from '../training';
import type { MembraneData } from './data';
import { DenseFallbackModel } from './dense-fallback';
import type { MembraneSettings } from './settings';

/** The trained density and how it was chosen. */
export interface MembraneTraining {
  /** The density on the training grid (the caller disposes it). */
  readonly model: GraphLagrangian;
  readonly summary: TrainingSummary;
  /** Seed of the initialisation that was continued, and the seeds of every candidate. */
  readonly modelSeed: number;
  readonly candidateSeeds: number[];
  /** Initialisations passed over before the candidates: H_vv indefinite at some validation state. */
  readonly rejectedSeeds: number[];
  /** Held-out loss of the chosen initialisation before training. */
  readonly initialLoss: number;
  /** Batches of the chosen model's training and evaluations with states solved densely (conjugate gradient met an indefinite H_vv there). */
  readonly denseFallbacks: number;
}

/**
 * Whether the model's conjugate gradient solves every state of `data` (H_vv definite there), in
 * batches of 512 inside `tf.tidy` (`evaluate` would leave its packed data behind when it throws).
 */
function definiteOn(model: GraphLagrangian, data: TrainingData): boolean {
  const n = model.dof;
  const rows = data.q.length / n;
  for (let from = 0; from < rows; from += 512) {
    const count = Math.min(512, rows - from);
    const slice = (x: ArrayLike<number>) => Float32Array.from({ length: count * n }, (_, i) => x[from * n + i] as number);
    try {
      tf.tidy(() => model.accelerations(tf.tensor2d(slice(data.q), [count, n]), tf.tensor2d(slice(data.qdot), [count, n]))).dispose();
    } catch (error) {
      if (error instanceof LinalgError && error.op === 'conjugateGradientSolve') return false;
      throw error;
    }
  }
  return true;
}

/**
 * The first `count` seeds from `first` on whose initialisation H_vv is definite at every validation
 * state (at most 20·count tried). An indefinite start trains mostly through the slow dense fallback.
 */
function definiteSeeds(build: (seed: number) => GraphLagrangian, count: number, first: number, validation: TrainingData): { chosen: number[]; rejected: number[] } {
  const [chosen, rejected] = [[] as number[], [] as number[]];
  for (let seed = first; chosen.length < count && seed < first + 20 * count; seed++) {
    const model = build(seed);
    (definiteOn(model, validation) ? chosen : rejected).push(seed);
    model.dispose();
  }
  if (chosen.length === 0) throw new RangeError(`membrane: none of the initialisations ${first}…${first + 20 * count - 1} has a definite H_vv at the validation states; conjugate gradient cannot train from them.`);
  return { chosen, rejected };
}

/**
 * The training stage, the 1D wave's recipe: candidates (initialisations whose H_vv is definite at
 * the validation states) train `probeSteps` of the full schedule,
 * the best on separate validation states continues (checkpoints under `lgn`). Each trains through
 * {@link DenseFallbackModel}: conjugate gradient, or the dense solve where H_vv is indefinite.
 */
export function trainMembrane(context: ExperimentContext, s: MembraneSettings, data: MembraneData): MembraneTraining {
  const build = (modelSeed: number) => new GraphLagrangian({ graph: periodicGridGraph(s.trainGrid, s.trainGrid).config, hidden: s.hidden, seed: modelSeed });
  const seeds = context.stage('definite-seeds', () => definiteSeeds(build, s.seedCandidates, 100 * context.seed + 1, data.validation));
  const make = (candidate: number) => new DenseFallbackModel(build(seeds.chosen[candidate] as number));
  const { model, summary } = trainWithRestarts(
    context,
    'lgn',
    `membrane: training the density ${[10, ...s.hidden, 1].join('→')}`,
    make,
    data.train,
    data.heldOut,
    { candidates: seeds.chosen.length, trialSteps: s.probeSteps, validation: data.validation },
    { steps: s.steps, batchSize: s.batchSize, loss: 'l1', schedule: { kind: 'one-cycle', peak: s.peak, total: s.steps }, seed: 1000 * context.seed + 3 },
  );
  const chosen = summary.chosen ?? 0;
  const untrained = make(chosen);
  const initialLoss = evaluate(untrained, data.heldOut, { loss: 'l1', batchSize: 512 });
  untrained.dispose();
  return {
    model: model.model,
    summary,
    modelSeed: seeds.chosen[chosen] as number,
    candidateSeeds: seeds.chosen,
    rejectedSeeds: seeds.rejected,
    initialLoss,
    denseFallbacks: model.fallbacks,
  };
}
