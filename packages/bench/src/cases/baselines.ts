import { jets, type Jet } from '@lnn/autodiff';
import { Delan, Hnn, MlpDynamics, NeuralOde } from '@lnn/baselines';
import { MlpLagrangian, train, type DynamicsModel, type Lagrangian, type TrainingData } from '@lnn/lagrangian';
import { accelerationDataset, doublePendulum, splitStates } from '@lnn/systems';
import { summarise, type Timing } from '../timing';

/** One model's training-step cost. */
export interface ModelStep {
  readonly name: string;
  readonly kind: string;
  readonly parameters: number;
  readonly step: Timing;
  /** Median step over the LNN's median step, same run. */
  readonly relativeToLnn: number;
}

/** The true double-pendulum Lagrangian as a jet (m = l = 1, g = 9.8): the canonical HNN's momentum map. */
const doublePendulumLagrangian: Lagrangian = {
  dof: 2,
  jet: (x) => {
    const [t1, t2, w1, w2] = [0, 1, 2, 3].map((i) => jets.slice(x, i, 1)) as [Jet, Jet, Jet, Jet];
    const kinetic = jets.add(jets.add(jets.square(w1), jets.scale(jets.square(w2), 0.5)), jets.mul(jets.mul(w1, w2), jets.cos(jets.sub(t1, t2))));
    return jets.add(kinetic, jets.add(jets.scale(jets.cos(t1), 2 * 9.8), jets.scale(jets.cos(t2), 9.8)));
  },
};

function doublePendulumData(count: number): TrainingData {
  const dp = doublePendulum();
  const ds = accelerationDataset(dp, { count, seed: 1, sample: dp.sampleTrainingState });
  return { ...splitStates(ds.arrays.states!.data, 2), qdd: ds.arrays.accelerations!.data };
}

/**
 * A training step (batch 32, L1, Adam, one-cycle) of the LNN and of every baseline on the double
 * pendulum, all with hidden widths `hidden` (default 500, 500, 500), measured round-robin — a
 * few steps of each model in turn, `rounds` times — so machine noise hits all alike.
 */
export function baselineSteps(options: { hidden?: readonly number[]; rounds?: number; stepsPerRound?: number } = {}): ModelStep[] {
  const { hidden = [500, 500, 500], rounds = 6, stepsPerRound = 5 } = options;
  const data = doublePendulumData(4096);
  const models: [string, DynamicsModel][] = [
    ['LNN', new MlpLagrangian({ dof: 2, hidden, seed: 1 })],
    ['MLP', new MlpDynamics({ dof: 2, hidden, seed: 1 })],
    ['neural ODE', new NeuralOde({ dof: 2, hidden, seed: 1 })],
    ['HNN, q̇ as momentum', new Hnn({ dof: 2, hidden, momentum: 'velocity', seed: 1 })],
    ['HNN, canonical momentum', new Hnn({ dof: 2, hidden, momentum: 'canonical', seed: 1 }, { momentumMap: doublePendulumLagrangian })],
    ['DeLaN', new Delan({ dof: 2, hidden, seed: 1 })],
  ];
  const samples = models.map(() => [] as number[]);
  const run = (model: DynamicsModel, into?: number[]) => {
    let last = performance.now();
    train(model, data, {
      steps: stepsPerRound,
      batchSize: 32,
      schedule: { kind: 'one-cycle', peak: 1e-3, total: stepsPerRound },
      progressEvery: 1,
      onProgress: () => {
        const now = performance.now();
        into?.push(now - last);
        last = now;
      },
    });
  };
  for (const [, model] of models) run(model); // warm-up: kernels, shapes, packed weights
  for (let r = 0; r < rounds; r++) models.forEach(([, model], i) => run(model, samples[i]));
  const steps = samples.map((s) => summarise(s));
  const lnn = (steps[0] as Timing).median;
  const result = models.map(([name, model], i) => ({
    name,
    kind: model.kind,
    parameters: model.variables.reduce((n, v) => n + v.size, 0),
    step: steps[i] as Timing,
    relativeToLnn: (steps[i] as Timing).median / lnn,
  }));
  for (const [, model] of models) model.dispose();
  return result;
}
