import { DissipativeLagrangian, MlpLagrangian, energyBalance, evaluate, type DynamicsModel, type TrainingData } from '@lnn/lagrangian';
import { accelerationDataset, dampedDoublePendulum, splitStates, type DampedDoublePendulum } from '@lnn/systems';
import type { ExperimentContext } from '../../experiment';
import { boxBelowEnergy } from '../moderate-regime';
import { trainWithCheckpoints, type TrainingSummary } from '../training';
import { judge, trueEnergies, type DampedRollout } from './decay';
import { learnedLoss, lossError, type Gauge } from './dissipated';
import { dampedRollouts } from './rollouts';
import { DAMPED_INITIAL_STATES, type DampedSettings } from './settings';
import { accelerationSplit, type AccelerationSplit } from './split';

/** Everything the report reads. */
export interface DampedRun {
  readonly times: number[];
  readonly truthEnergy: number[][];
  readonly lnnD: DampedRollout & { readonly training: TrainingSummary; readonly heldOut: number; readonly balanceResidual: number[]; readonly lossError: number[]; readonly gauge: Gauge; readonly split: AccelerationSplit };
  readonly lnn: DampedRollout & { readonly training: TrainingSummary; readonly heldOut: number; readonly lossError: number[]; readonly split: AccelerationSplit };
  readonly zeroPredictor: number;
  readonly seconds: number;
}

/** The highest true energy the training states may have: (1 + margin) × the highest initial state's, above the rest state. */
function energyCeiling(system: DampedDoublePendulum, margin: number): number {
  const rest = system.energy([0, 0], [0, 0]);
  const top = Math.max(...DAMPED_INITIAL_STATES.map((y) => system.energy([y[0], y[1]], [y[2], y[3]]) - rest));
  return rest + (1 + margin) * top;
}

/**
 * The damped experiment's states with their true accelerations (also read by `damped-transfer`,
 * which trains on the same data): `count` states from the box, below the energy ceiling.
 */
export function dampedData(system: DampedDoublePendulum, s: Pick<DampedSettings, 'maxAngle' | 'maxSpeed' | 'energyMargin'>, count: number, seed: number): TrainingData {
  const ceiling = s.energyMargin === null ? Number.POSITIVE_INFINITY : energyCeiling(system, s.energyMargin);
  const ds = accelerationDataset(system, {
    count,
    seed,
    sample: boxBelowEnergy((q, v) => system.energy(q, v), s, ceiling),
  });
  return { ...splitStates(ds.arrays.states?.data as Float64Array, 2), qdd: ds.arrays.accelerations?.data as Float64Array };
}

/** Data, the two trainings, the rollouts and their energies. */
export function runDamped(context: ExperimentContext, s: DampedSettings): DampedRun {
  const t0 = Date.now();
  const system = dampedDoublePendulum(s.friction);
  const seed = context.seed;
  const train = dampedData(system, s, s.trainCount, 1000 * seed + 1);
  const heldOut = dampedData(system, s, s.testCount, 1000 * seed + 2);
  const validation = dampedData(system, s, s.validationCount, 1000 * seed + 5);
  const options = {
    steps: s.steps,
    batchSize: s.batchSize,
    loss: 'l1' as const,
    schedule: { kind: 'one-cycle' as const, peak: s.peak, total: s.steps },
    definiteness: s.definiteness,
    lossCap: s.lossCap,
    adam: { beta2: s.beta2 },
    clipNorm: 100,
    seed: 1000 * seed + 3,
    keepBest: { data: validation },
  };
  const lagrangian = { hidden: s.hidden, angles: [0, 1], angleTransform: 'features' as const, seed: 10 * seed + 1 };
  const withD = new DissipativeLagrangian({ dof: 2, lagrangian, dissipation: { hidden: s.dissipationHidden, angles: [0, 1], seed: 10 * seed + 2 } });
  const withoutD = new MlpLagrangian({ dof: 2, ...lagrangian });
  const trainOne = (name: string, label: string, model: DynamicsModel) => trainWithCheckpoints(context, name, label, model, train, heldOut, options);
  const trainingD = trainOne('lnn-dissipation', `damped: LNN with learned dissipation, ${s.steps.toLocaleString('en')} steps`, withD);
  const training = trainOne('lnn', `damped: LNN without dissipation, ${s.steps.toLocaleString('en')} steps`, withoutD);
  const { times, truthEnergy, withD: rD, withoutD: r, fineTruth, fineEnergy } = dampedRollouts(context, 'damped', system, s.rollout, withD, withoutD);
  const balance = energyBalance(withD, rD);
  const lost = learnedLoss(system, withD, fineTruth, heldOut);
  const zeroPredictor = Array.from(heldOut.qdd).reduce((a, x) => a + Math.abs(x), 0) / heldOut.qdd.length;
  const result: DampedRun = {
    times,
    truthEnergy,
    lnnD: {
      ...judge(trueEnergies(system, rD), truthEnergy, [...rD.status]),
      training: trainingD,
      heldOut: evaluate(withD, heldOut),
      balanceResidual: Array.from(balance.residual, (x, b) => x / (balance.change[b] as number)),
      lossError: lossError(lost.loss, fineEnergy),
      gauge: lost.gauge,
      split: accelerationSplit(system, withD, fineTruth),
    },
    // No D: nothing dissipated along the true motion, whatever L.
    lnn: { ...judge(trueEnergies(system, r), truthEnergy, [...r.status]), training, heldOut: evaluate(withoutD, heldOut), lossError: lossError(fineEnergy.map((row) => row.map(() => 0)), fineEnergy), split: accelerationSplit(system, withoutD, fineTruth) },
    zeroPredictor,
    seconds: (Date.now() - t0) / 1000,
  };
  withD.dispose();
  withoutD.dispose();
  return result;
}
