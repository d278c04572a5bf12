import * as tf from '@tensorflow/tfjs-core';
import { DissipativeLagrangian, energyBalance, evaluate, rollout, type TrainingData } from '@lnn/lagrangian';
import { dopri5, rk4, solve } from '@lnn/ode';
import { compileSignal, drivenPendulum, forcedAccelerationDataset, forcedProblem, randomSinusoids, splitStates, type Signal } from '@lnn/systems';
import type { ExperimentContext } from '../../experiment';
import { trainWithRestarts, type TrainingSummary } from '../training';
import { DRIVEN_INITIAL_STATES, FORCING, type DrivenSettings } from './settings';

/** Everything the report reads. */
export interface DrivenRun {
  readonly times: number[];
  /** θ along the truth and the model, `[T][B]` (NaN after a stop). */
  readonly truth: number[][];
  readonly learned: number[][];
  /** The unseen forcing u(t) at the output times. */
  readonly forcing: number[];
  readonly training: TrainingSummary;
  readonly heldOut: number;
  readonly unseenHeldOut: number;
  readonly zeroPredictor: number;
  /** The learned response of q̈ to u, ∂q̈/∂u = H_vv⁻¹B (the truth's: 1/(ml²) = 1), mean over held-out states: B alone is only defined up to L's scale. */
  readonly inputResponse: number;
  /** Per initial state: max_t |E(t) − E(0) − ∫ power| / max_t |E(t) − E(0)| of the model's own energy. */
  readonly balanceResidual: number[];
  readonly status: string[];
  readonly seconds: number;
}

/** The training (seeds 1…) and unseen forcings. */
export const signal = (seed: number): Signal => randomSinusoids({ seed, terms: FORCING.terms, amplitude: FORCING.amplitude, frequency: FORCING.frequency });

/** Acceleration data of the driven pendulum with inputs from the given forcings at random times. */
export function data(s: DrivenSettings, count: number, seed: number, signals: readonly Signal[]): TrainingData {
  const system = drivenPendulum();
  const compiled = signals.map(compileSignal);
  const ds = forcedAccelerationDataset(system, {
    count,
    seed,
    time: [0, s.horizon],
    sample: (rng, q, v) => {
      q[0] = rng.uniform(-Math.PI, Math.PI);
      v[0] = rng.uniform(-s.maxSpeed, s.maxSpeed);
    },
    sampleInput: (rng, t, u) => {
      u[0] = (compiled[Math.min(compiled.length - 1, Math.floor(rng.uniform(0, compiled.length)))] as (t: number) => number)(t);
    },
  });
  return { ...splitStates(ds.arrays.states?.data as Float64Array, 1), qdd: ds.arrays.accelerations?.data as Float64Array, extra: ds.arrays.inputs?.data as Float64Array };
}

/** Mean of q̈(u = 1) − q̈(u = 0) over the held-out states: H_vv⁻¹B, q̈ being affine in u. */
function inputResponse(model: DissipativeLagrangian, held: TrainingData): number {
  const n = held.q.length;
  const at = (value: number) => tf.tidy(() => model.accelerations(tf.tensor2d(Float32Array.from(held.q), [n, 1]), tf.tensor2d(Float32Array.from(held.qdot), [n, 1]), tf.fill([n, 1], value) as tf.Tensor2D).dataSync());
  const [one, zero] = [at(1), at(0)];
  return Array.from(one).reduce((a, x, i) => a + x - (zero[i] as number), 0) / n;
}

/** Data under the training forcings, training, then rollouts under the unseen forcing beside the truth. */
export function runDriven(context: ExperimentContext, s: DrivenSettings): DrivenRun {
  const t0 = Date.now();
  const system = drivenPendulum();
  const seed = context.seed;
  const trainingSignals = Array.from({ length: s.signals }, (_, k) => signal(k + 1));
  const unseen = signal(FORCING.unseenSeed);
  const train = data(s, s.trainCount, 1000 * seed + 1, trainingSignals);
  const heldOut = data(s, s.testCount, 1000 * seed + 2, trainingSignals);
  const unseenData = data(s, s.testCount, 1000 * seed + 3, [unseen]);
  const validation = data(s, s.testCount, 1000 * seed + 5, trainingSignals);
  const make = (candidate: number) =>
    new DissipativeLagrangian({
      dof: 1,
      controls: 1,
      lagrangian: { hidden: s.hidden, angles: [0], angleTransform: 'features', seed: 10 * seed + 1 + 100 * candidate },
      dissipation: { hidden: s.dissipationHidden, angles: [0], seed: 10 * seed + 2 + 100 * candidate },
      force: {},
    });
  const zero = Array.from(validation.qdd).reduce((a, x) => a + Math.abs(x), 0) / validation.qdd.length;
  const { candidates, trialSteps, acceptRatio } = s.restarts;
  const { model, summary: training } = trainWithRestarts(
    context,
    'lnn-driven',
    `driven: LNN with learned D and B, ${s.steps.toLocaleString('en')} steps`,
    make,
    train,
    heldOut,
    { candidates, trialSteps, accept: acceptRatio * zero, validation },
    {
      steps: s.steps,
      batchSize: s.batchSize,
      loss: 'l1',
      schedule: { kind: 'one-cycle', peak: s.peak, total: s.steps },
      // Positive: the learned D ≥ 0 needs a positive-definite H_vv (for this one coordinate no scale-free guard has a gradient: it only counts).
      definiteness: { weight: s.definiteness, sign: 'positive' },
      clipNorm: 100,
      seed: 1000 * seed + 4,
    },
  );
  const { tEnd, every, dt } = s.rollout;
  const times = Array.from({ length: Math.round(tEnd / every) + 1 }, (_, k) => k * every);
  const y0 = DRIVEN_INITIAL_STATES.flat();
  const batch = DRIVEN_INITIAL_STATES.length;
  const u = compileSignal(unseen);
  const control = (t: number, out: Float64Array) => out.fill(u(t));
  const truth = solve(forcedProblem(system, { input: unseen }), y0, times, dopri5({ rtol: 1e-10, atol: 1e-10 }));
  const task = context.progress.task('driven: rollout under the unseen forcing', 1);
  const r = rollout(model, y0, times, rk4({ dt }), { control });
  task.finish();
  const balance = energyBalance(model, r, { control });
  const angle = (states: Float64Array) => times.map((_, t) => Array.from({ length: batch }, (_, b) => states[(t * batch + b) * 2] as number));
  const result: DrivenRun = {
    times,
    truth: angle(truth.states),
    learned: angle(r.states),
    forcing: times.map(u),
    training,
    heldOut: evaluate(model, heldOut),
    unseenHeldOut: evaluate(model, unseenData),
    zeroPredictor: Array.from(heldOut.qdd).reduce((a, x) => a + Math.abs(x), 0) / heldOut.qdd.length,
    inputResponse: inputResponse(model, heldOut),
    balanceResidual: Array.from(balance.residual, (x, b) => x / (balance.change[b] as number)),
    status: [...r.status],
    seconds: (Date.now() - t0) / 1000,
  };
  model.dispose();
  return result;
}
