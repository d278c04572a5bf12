import { GraphLagrangian, ringGraph } from '@lnn/graph-lagrangian';
import { evaluate } from '@lnn/lagrangian';
import type { ExperimentContext } from '../../experiment';
import { trainWithRestarts, type TrainingSummary } from '../training';
import type { WaveData } from './data';
import type { WaveSettings } from './settings';

/** The trained density and how it was chosen. */
export interface WaveTraining {
  /** The density on the training ring (the caller disposes it). */
  readonly model: GraphLagrangian;
  readonly summary: TrainingSummary;
  /** Seed of the initialisation that was continued, and the seeds of every candidate. */
  readonly modelSeed: number;
  readonly candidateSeeds: number[];
  /** Held-out loss of the chosen initialisation before training. */
  readonly initialLoss: number;
}

/**
 * The training stage. The official recipe abandons initialisations still on the plateau after a
 * short training: candidates train `probeSteps` of the full schedule, the best on separate
 * validation states continues (checkpoints under `lgn`).
 */
export function trainDensity(context: ExperimentContext, s: WaveSettings, data: WaveData): WaveTraining {
  const seed = context.seed;
  const make = (candidate: number) => new GraphLagrangian({ graph: ringGraph(s.trainRing).config, hidden: s.hidden, seed: 10 * seed + candidate + 1 });
  const { model, summary } = trainWithRestarts(
    context,
    'lgn',
    `wave: training the density ${[6, ...s.hidden, 1].join('→')}`,
    make,
    data.train,
    data.heldOut,
    { candidates: s.seedCandidates, trialSteps: s.probeSteps, validation: data.validation },
    { steps: s.steps, batchSize: s.batchSize, loss: 'l1', weightDecay: s.weightDecay, schedule: { kind: 'one-cycle', peak: s.peak, total: s.steps }, seed: 1000 * seed + 3 },
  );
  const chosen = summary.chosen ?? 0;
  const modelSeed = 10 * seed + chosen + 1;
  const candidateSeeds = Array.from({ length: s.seedCandidates }, (_, c) => 10 * seed + c + 1);
  const untrained = make(chosen);
  const initialLoss = evaluate(untrained, data.heldOut, { loss: 'l1', batchSize: 512 });
  untrained.dispose();
  return { model, summary, modelSeed, candidateSeeds, initialLoss };
}
