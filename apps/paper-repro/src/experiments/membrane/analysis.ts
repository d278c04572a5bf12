import * as tf from '@tensorflow/tfjs-core';
import { LinalgError } from '@lnn/autodiff';
import type { GraphLagrangian } from '@lnn/graph-lagrangian';
import { wave2d } from '@lnn/systems';
import { learnedEnergies } from '../wave/learned-energy';
import { gridDispersion, restHessian, type GridDispersion } from './dispersion';
import { impulseStiffnessOverMass } from './impulse-response';
import type { MembraneRollouts } from './rollout';
import { INITIAL_CONDITIONS, type MembraneSettings } from './settings';
import { fieldErrors, relativeDrift } from '../field-rollouts';

/** Per initial condition: energies along the rollout, field errors, snapshots. */
export interface MembraneRolloutSummary {
  /** `[B][T]`: (E(t) − E(0)) / (E(0) − E(rest)). */
  readonly trueEnergy: number[][];
  /**
   * `[B][T]`: the same without the uniform mode's kinetic energy ½ n (mean φ̇)² — what a constant
   * force at rest (a linear term of the learned density) pumps in — relative to the same E(0).
   */
  readonly trueEnergyWithoutUniform: number[][];
  /** `[B][T]`: ½ n (mean φ̇)² of the learned states over E(0) (0 for the truth, whose mean velocity is conserved: 0 here). */
  readonly uniformKinetic: number[][];
  readonly learnedEnergy: number[][];
  readonly floorEnergy: number[][];
  /** `[B][T]` relative L2 field error ‖φ − φ_true‖ / ‖φ_true‖. */
  readonly fieldError: number[][];
  readonly status: string[];
  /** Per initial condition, the learned model's energy resolution: the spread of its energies of 8 translates of the initial state (equal in exact arithmetic), in units of E(0) − E(rest). */
  readonly resolution: number[];
}

/** What the analysis stage measures. */
export interface MembraneAnalysis {
  readonly summary: MembraneRolloutSummary;
  /** Every mode of the rollout grid, and of the training grid (the modes the data showed). */
  readonly dispersion: GridDispersion;
  readonly trainingDispersion: GridDispersion;
  /** K/M of every rollout-grid mode from the model's own accelerations (impulse response). */
  readonly impulse: Float64Array;
  /** max |q̈| at rest (φ = φ̇ = 0) on the rollout grid: the learned model's constant force. */
  readonly restAcceleration: number;
  /** Output indices at ¼, ½, ¾ and the end of the horizon. */
  readonly marks: number[];
}

/** {@link learnedEnergies} in chunks of 8 states (a 64 × 64 grid's 51 × 2 outputs at once would hold ~10⁶ density rows). */
function chunkedEnergies(model: GraphLagrangian, states: Float64Array): Float64Array {
  const width = 2 * model.dof;
  const rows = states.length / width;
  // Rows of a stopped trajectory are NaN: their energy is NaN, not an error.
  const finiteRows = Array.from({ length: rows }, (_, r) => r).filter((r) => states.subarray(r * width, (r + 1) * width).every(Number.isFinite));
  const out = new Float64Array(rows).fill(Number.NaN);
  for (let c = 0; c < finiteRows.length; c += 8) {
    const chunk = finiteRows.slice(c, c + 8);
    const packed = new Float64Array(chunk.length * width);
    chunk.forEach((r, i) => packed.set(states.subarray(r * width, (r + 1) * width), i * width));
    learnedEnergies(model, packed).forEach((e, i) => (out[chunk[i] as number] = e));
  }
  return out;
}

/** The state translated by (j, j) on the torus, j = 0…7: `[8, 2n]`. */
function translates(state: Float64Array, side: number): Float64Array {
  const n = side * side;
  const out = new Float64Array(8 * 2 * n);
  for (let j = 0; j < 8; j++) {
    for (let iy = 0; iy < side; iy++) {
      for (let ix = 0; ix < side; ix++) {
        const from = ((iy + j) % side) * side + ((ix + j) % side);
        out[j * 2 * n + iy * side + ix] = state[from] as number;
        out[j * 2 * n + n + iy * side + ix] = state[n + from] as number;
      }
    }
  }
  return out;
}

/** Energy drifts (true energy of the learned states, the learned model's own, the integrator floor's), field errors and the learned energy's float32 resolution. */
export function rolloutSummary(r: Pick<MembraneRollouts, 'grid' | 'big' | 'y0' | 'truth' | 'floor' | 'learned' | 'times' | 'status'>, side: number): MembraneRolloutSummary {
  const { grid, big, y0, truth, floor, learned } = r;
  const n = grid.dof;
  const T = r.times.length;
  const B = INITIAL_CONDITIONS.length;
  const trueEnergyOf = (states: Float64Array) => Float64Array.from({ length: T * B }, (_, row) => big.energy(states.subarray(2 * n * row, 2 * n * row + n), states.subarray(2 * n * row + n, 2 * n * (row + 1))));
  const uniformKinetic = (states: Float64Array) =>
    Float64Array.from({ length: T * B }, (_, row) => {
      const mean = states.subarray(2 * n * row + n, 2 * n * (row + 1)).reduce((sum, x) => sum + x, 0) / n;
      return 0.5 * n * mean * mean;
    });
  const learnedTrue = trueEnergyOf(learned);
  const learnedUniform = uniformKinetic(learned);
  const rest = learnedEnergies(grid, new Float64Array(2 * n))[0] as number;
  const resolution = Array.from({ length: B }, (_, b) => {
    const e = learnedEnergies(grid, translates(y0.subarray(b * 2 * n, (b + 1) * 2 * n), side));
    return (Math.max(...e) - Math.min(...e)) / Math.abs((e[0] as number) - rest);
  });
  return {
    trueEnergy: relativeDrift(learnedTrue, T, B, 0),
    trueEnergyWithoutUniform: relativeDrift(learnedTrue.map((e, row) => e - (learnedUniform[row] as number)), T, B, 0),
    uniformKinetic: Array.from({ length: B }, (_, b) => Array.from({ length: T }, (_, t) => (learnedUniform[t * B + b] as number) / Math.abs(learnedTrue[b] as number))),
    learnedEnergy: relativeDrift(chunkedEnergies(grid, learned), T, B, rest),
    floorEnergy: relativeDrift(trueEnergyOf(floor), T, B, 0),
    fieldError: fieldErrors(learned, truth, T, B, n),
    status: r.status,
    resolution,
  };
}

/** `compute()`, or `otherwise()` where the model's conjugate gradient meets an indefinite H_vv (an untrained density at rest can have one). */
function unlessIndefinite<T>(compute: () => T, otherwise: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof LinalgError && error.op === 'conjugateGradientSolve') return otherwise();
    throw error;
  }
}

/**
 * The analysis stage: energy drifts (true, learned, integrator floor) and field errors of the
 * rollouts; the dispersion ω²(k) of the learned density's linearised dynamics for every mode of
 * the rollout grid (from the density's Hessian at rest) and of the training grid, checked against
 * the rollout model's own accelerations (impulse response); its force at rest.
 */
export function analyseMembrane(s: MembraneSettings, model: GraphLagrangian, rollouts: MembraneRollouts): MembraneAnalysis {
  const side = s.rollout.n;
  const summary = rolloutSummary(rollouts, side);
  const h = restHessian((x) => model.density.tensor(x), 2 * model.graph.neighbourhoodSize);
  const dispersion = gridDispersion(h, rollouts.big);
  const trainingDispersion = gridDispersion(h, wave2d({ nx: s.trainGrid, ny: s.trainGrid, boundary: 'periodic' }));
  const impulse = unlessIndefinite(() => impulseStiffnessOverMass(rollouts.grid, side, side, s.impulse), () => new Float64Array(side * side).fill(Number.NaN));
  const restAcceleration = unlessIndefinite(() => {
    const rest = tf.tidy(() => rollouts.grid.accelerations(tf.zeros([1, side * side]), tf.zeros([1, side * side])));
    const values = rest.dataSync();
    rest.dispose();
    return Math.max(...Array.from(values, Math.abs));
  }, () => Number.NaN);
  const T = rollouts.times.length;
  const marks = [0.25, 0.5, 0.75, 1].map((f) => Math.round(f * (T - 1)));
  return { summary, dispersion, trainingDispersion, impulse, restAcceleration, marks };
}
