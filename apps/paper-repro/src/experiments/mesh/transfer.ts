import { LinalgError } from '@lnn/autodiff';
import { evaluate, rollout, type DynamicsModel, type TrainingData } from '@lnn/lagrangian';
import { rk4 } from '@lnn/ode';
import { createRandom, verletRollout, type SpringNetwork } from '@lnn/systems';
import type { MeshSettings } from './settings';

/** Held-out acceleration error relative to predicting q̈ = 0: mean |q̈_model − q̈| / mean |q̈| (0 is exact, 1 is no better than 0). */
export function relativeAccelerationError(model: DynamicsModel, data: TrainingData, zeroLoss: number): number {
  return evaluate(model, data, { loss: 'l1', batchSize: 512 }) / zeroLoss;
}

/** A rollout of a model on a spring network beside the truth, at the output times. */
export interface TransferRollout {
  readonly times: Float64Array;
  /** ‖q_model(t) − q_true(t)‖₂ / ‖q_true(t) − q_rest‖₂ (the error relative to the true displacement from rest); NaN after a stop. */
  readonly positionError: Float64Array;
  /** |E(model state at t) − E(0)| / E(0), E the network's true energy (0 at rest); NaN after a stop. */
  readonly trueEnergyDrift: Float64Array;
  /** The same for the truth's own Verlet rollout (its integrator floor). */
  readonly truthEnergyDrift: Float64Array;
  /** 'success', or the rollout's stop reason. */
  readonly status: string;
  /** The first refusal of the model's solver on the way (a LinalgError's message: the rollout stops there), or null. */
  readonly refusal: string | null;
  /** Node displacements from rest at the end, `[nodes, 2]` model then truth (for the figure). */
  readonly finalDisplacement: { readonly model: Float64Array; readonly truth: Float64Array };
  readonly seconds: number;
}

/**
 * Rolls `model` (already on `net`'s graph) out by RK4 at `rollout.dt` from one perturbed state
 * (seed `seed`) and the truth by Störmer–Verlet at `data.dt` (the data's integrator), and compares
 * them at `rollout.outputs` times from 0 to `rollout.tEnd`.
 */
export function transferRollout(model: DynamicsModel, net: SpringNetwork, s: MeshSettings, seed: number): TransferRollout {
  const d = net.dof;
  const { tEnd, outputs, dt } = s.rollout;
  const y0 = new Float64Array(2 * d);
  net.perturbation(createRandom(seed), y0.subarray(0, d), y0.subarray(d), s.perturbation);
  const steps = Math.round(tEnd / s.data.dt);
  const atSteps = Int32Array.from({ length: outputs }, (_, i) => Math.round((i * steps) / (outputs - 1)));
  const truth = verletRollout(net, y0, { dt: s.data.dt, steps, atSteps });
  const times = truth.times;
  const t0 = Date.now();
  // The rollout turns a solver's refusal into NaN (a stop); keep the first refusal's message to say why.
  let refusal: string | null = null;
  const watched: DynamicsModel = {
    kind: model.kind,
    dof: model.dof,
    extraDim: model.extraDim,
    variables: model.variables,
    config: model.config,
    accelerations: (q, v, extra) => {
      try {
        return model.accelerations(q, v, extra);
      } catch (error) {
        if (error instanceof LinalgError) refusal ??= error.message;
        throw error;
      }
    },
    dispose: () => undefined,
  };
  const learned = rollout(watched, y0, times, rk4({ dt }));
  const seconds = (Date.now() - t0) / 1000;
  const rest = net.mesh.positions;
  const e0 = net.energy(y0.subarray(0, d), y0.subarray(d));
  const positionError = new Float64Array(outputs).fill(Number.NaN);
  const trueEnergyDrift = new Float64Array(outputs).fill(Number.NaN);
  const truthEnergyDrift = new Float64Array(outputs).fill(Number.NaN);
  for (let t = 0; t < outputs; t++) {
    const ql = learned.states.subarray(t * 2 * d, t * 2 * d + d);
    const vl = learned.states.subarray(t * 2 * d + d, (t + 1) * 2 * d);
    const qt = truth.states.subarray(t * 2 * d, t * 2 * d + d);
    truthEnergyDrift[t] = Math.abs((truth.energies[t] as number) - e0) / e0;
    if (!Number.isFinite(ql[0] as number)) continue;
    let [err, disp] = [0, 0];
    for (let c = 0; c < d; c++) {
      err += ((ql[c] as number) - (qt[c] as number)) ** 2;
      disp += ((qt[c] as number) - (rest[c] as number)) ** 2;
    }
    positionError[t] = Math.sqrt(err / disp);
    trueEnergyDrift[t] = Math.abs(net.energy(ql, vl) - e0) / e0;
  }
  const last = outputs - 1;
  const displacement = (states: Float64Array) => Float64Array.from({ length: d }, (_, c) => (states[last * 2 * d + c] as number) - (rest[c] as number));
  const status = learned.status.every((x) => x === 'success') ? 'success' : String(learned.status.find((x) => x !== 'success'));
  return { times, positionError, trueEnergyDrift, truthEnergyDrift, status, refusal, finalDisplacement: { model: displacement(learned.states), truth: displacement(truth.states) }, seconds };
}
