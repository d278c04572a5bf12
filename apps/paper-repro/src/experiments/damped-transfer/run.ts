import { DissipativeLagrangian, energyBalance, evaluate } from '@lnn/lagrangian';
import { dampedDoublePendulum } from '@lnn/systems';
import type { ExperimentContext } from '../../experiment';
import { judge, trueEnergies, type DampedRollout } from '../damped/decay';
import { learnedLoss, lossError, type Gauge } from '../damped/dissipated';
import { dampedData } from '../damped/run';
import { dampedRollouts } from '../damped/rollouts';
import { accelerationSplit, type AccelerationSplit } from '../damped/split';
import { trainWithCheckpoints, type TrainingSummary } from '../training';
import { definiteness, loadDoublePendulumLnn, negated, type Definiteness } from './frozen';
import type { DampedTransferSettings } from './settings';

/** Everything the report reads. */
export interface DampedTransferRun {
  readonly times: number[];
  readonly truthEnergy: number[][];
  /** H_vv of experiment 1's L on the damped training states, and the sign used. */
  readonly definiteness: Definiteness;
  /** L and D trained together after D alone (settings.fineTune); null: L frozen (or experiment 1's L had to be negated). */
  readonly fineTune: { readonly training: TrainingSummary; readonly heldOutBefore: number } | null;
  readonly withD: DampedRollout & { readonly training: TrainingSummary; readonly heldOut: number; readonly balanceResidual: number[]; readonly lossError: number[]; readonly gauge: Gauge; readonly split: AccelerationSplit };
  readonly withoutD: DampedRollout & { readonly heldOut: number; readonly lossError: number[]; readonly split: AccelerationSplit };
  readonly zeroPredictor: number;
  readonly seconds: number;
}

/**
 * Experiment 1's L, frozen (negated when its H_vv is negative definite on the data), with a
 * dissipation D trained alone on the damped experiment's data; beside it the same L without D.
 * Measured with the damped experiment's own measures.
 */
export function runDampedTransfer(context: ExperimentContext, s: DampedTransferSettings): DampedTransferRun {
  const t0 = Date.now();
  const system = dampedDoublePendulum(s.friction);
  const seed = context.seed;
  // The damped experiment's data: the same sampler, the same seeds.
  const train = dampedData(system, s, s.trainCount, 1000 * seed + 1);
  const heldOut = dampedData(system, s, s.testCount, 1000 * seed + 2);
  const validation = dampedData(system, s, s.validationCount, 1000 * seed + 5);
  const lnn = loadDoublePendulumLnn(context.modelDir);
  try {
    const signed = definiteness(lnn.lagrangian, train);
    const lagrangian = signed.sign === 1 ? lnn.lagrangian : negated(lnn.lagrangian);
    const solver = lnn.config.solver;
    const withD = new DissipativeLagrangian({ dof: 2, lagrangian: 'known', dissipation: { hidden: s.dissipationHidden, angles: [0, 1], seed: 10 * seed + 2 }, solver }, { lagrangian });
    const withoutD = new DissipativeLagrangian({ dof: 2, lagrangian: 'known', solver }, { lagrangian });
    const owned: DissipativeLagrangian[] = [];
    let model = withD; // the model judged "with D": the fine-tuned one when there is one
    try {
      // Only D's weights are variables: L is frozen (a known part).
      const training = trainWithCheckpoints(context, 'dissipation', `damped-transfer: D alone on experiment 1's frozen L, ${s.steps.toLocaleString('en')} steps`, withD, train, heldOut, {
        steps: s.steps,
        batchSize: s.batchSize,
        loss: 'l1',
        schedule: { kind: 'one-cycle', peak: s.peak, total: s.steps },
        lossCap: s.lossCap,
        adam: { beta2: s.beta2 },
        clipNorm: 100,
        seed: 1000 * seed + 3,
        keepBest: { data: validation },
      });
      // Then L and D together, from experiment 1's L and the D just trained (only with L's own sign:
      // the copy of its weights is L, not −L).
      let fineTune: DampedTransferRun['fineTune'] = null;
      if (s.fineTune !== null && signed.sign === 1) {
        const { solver: _solver, dof: _dof, extraDim: _extra, ...lagrangianConfig } = lnn.config;
        void [_solver, _dof, _extra];
        const both = new DissipativeLagrangian({ dof: 2, lagrangian: lagrangianConfig, dissipation: { hidden: s.dissipationHidden, angles: [0, 1], seed: 10 * seed + 2 }, solver });
        owned.push(both);
        const nL = lnn.variables.length;
        if (both.variables.length !== nL + withD.variables.length) throw new Error(`damped-transfer: the fine-tuned model has ${both.variables.length} variables, expected ${nL} of L and ${withD.variables.length} of D.`);
        lnn.variables.forEach((v, i) => both.variables[i]?.assign(v));
        withD.variables.forEach((v, j) => both.variables[nL + j]?.assign(v));
        const heldOutBefore = evaluate(both, heldOut);
        const ft = s.fineTune;
        const fineTraining = trainWithCheckpoints(context, 'fine-tune', `damped-transfer: L and D together, from experiment 1's L and the D above, ${ft.steps.toLocaleString('en')} steps`, both, train, heldOut, {
          steps: ft.steps,
          batchSize: s.batchSize,
          loss: 'l1',
          schedule: { kind: 'one-cycle', peak: ft.peak, total: ft.steps },
          lossCap: s.lossCap,
          adam: { beta2: s.beta2 },
          clipNorm: 100,
          definiteness: { weight: 1, sign: 'positive' },
          seed: 1000 * seed + 4,
          keepBest: { data: validation },
        });
        fineTune = { training: fineTraining, heldOutBefore };
        model = both;
      }
      const { times, truthEnergy, withD: rD, withoutD: r, fineTruth, fineEnergy } = dampedRollouts(context, 'damped-transfer', system, s.rollout, model, withoutD);
      const balance = energyBalance(model, rD);
      const lost = learnedLoss(system, model, fineTruth, heldOut);
      return {
        times,
        truthEnergy,
        definiteness: signed,
        fineTune,
        withD: {
          ...judge(trueEnergies(system, rD), truthEnergy, [...rD.status]),
          training,
          heldOut: evaluate(model, heldOut),
          balanceResidual: Array.from(balance.residual, (x, b) => x / (balance.change[b] as number)),
          lossError: lossError(lost.loss, fineEnergy),
          gauge: lost.gauge,
          split: accelerationSplit(system, model, fineTruth),
        },
        // No D: nothing dissipated along the true motion.
        withoutD: { ...judge(trueEnergies(system, r), truthEnergy, [...r.status]), heldOut: evaluate(withoutD, heldOut), lossError: lossError(fineEnergy.map((row) => row.map(() => 0)), fineEnergy), split: accelerationSplit(system, withoutD, fineTruth) },
        zeroPredictor: Array.from(heldOut.qdd).reduce((a, x) => a + Math.abs(x), 0) / heldOut.qdd.length,
        seconds: (Date.now() - t0) / 1000,
      };
    } finally {
      withD.dispose();
      withoutD.dispose();
      owned.forEach((m) => m.dispose());
    }
  } finally {
    lnn.dispose();
  }
}
