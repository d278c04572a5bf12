import { GraphLagrangian, ringGraph } from '@lnn/graph-lagrangian';
import type { TrainingData } from '@lnn/lagrangian';
import { compareDensity, type DensityComparison } from './density-comparison';
import { dispersion, type Dispersion } from './dispersion';
import { energyResolution, learnedEnergies } from './learned-energy';
import type { WaveRollouts } from './rollout';
import { INITIAL_CONDITIONS, type WaveSettings } from './settings';
import { fieldErrors, relativeDrift } from '../field-rollouts';

/** Per initial condition: energies along the rollout, drifts, field errors. */
export interface RolloutSummary {
  /** `[T]` per initial condition: (E(t) − E(0)) / (E(0) − E(rest)). */
  readonly trueEnergy: number[][];
  readonly learnedEnergy: number[][];
  readonly floorEnergy: number[][];
  /** `[T]` relative L2 field error ‖φ − φ_true‖ / ‖φ_true‖. */
  readonly fieldError: number[][];
  readonly status: string[];
  /** Snapshots for the figures: `[T][n]` φ of the learned rollout and of the truth, per initial condition. */
  readonly learnedPhi: number[][][];
  readonly truePhi: number[][][];
}

/** What the analysis stage measures. */
export interface WaveAnalysis {
  readonly summary: RolloutSummary;
  /** Per initial condition: the float32 resolution of the learned energy, in units of E(0) − E(rest). */
  readonly resolution: number[];
  readonly omega: Dispersion;
  /** The trained density against ½(φ̇² − (∂φ/∂x)²), and a fresh one of the same seed. */
  readonly density: DensityComparison;
  readonly untrainedDensity: DensityComparison;
  /** Output indices at ¼, ½, ¾ and the end of the horizon. */
  readonly marks: number[];
}

/** φ at every output, `[B][T][n]`. */
const fieldSnapshots = (states: Float64Array, T: number, B: number, n: number): number[][][] =>
  Array.from({ length: B }, (_, b) => Array.from({ length: T }, (_, t) => Array.from(states.subarray((t * B + b) * 2 * n, (t * B + b) * 2 * n + n))));

/** Energies along the rollouts (true, learned, integrator floor), the learned energy's resolution, the dispersion ω²(k). */
function analyseRollouts(r: WaveRollouts): Pick<WaveAnalysis, 'summary' | 'resolution' | 'omega'> {
  const { ring, big, y0, truth, floor, learned } = r;
  const n = ring.dof;
  const T = r.times.length;
  const B = INITIAL_CONDITIONS.length;
  const trueEnergyOf = (states: Float64Array) => Float64Array.from({ length: T * B }, (_, row) => big.energy(states.subarray(2 * n * row, 2 * n * row + n), states.subarray(2 * n * row + n, 2 * n * (row + 1))));
  const restLearned = learnedEnergies(ring, new Float64Array(2 * n))[0] as number;
  const learnedInitial = learnedEnergies(ring, y0);
  const resolution = Array.from({ length: B }, (_, b) => energyResolution(ring, y0.subarray(b * 2 * n, (b + 1) * 2 * n)) / Math.abs((learnedInitial[b] as number) - restLearned));
  const omega = dispersion(ring);
  const summary: RolloutSummary = {
    trueEnergy: relativeDrift(trueEnergyOf(learned), T, B, 0),
    learnedEnergy: relativeDrift(learnedEnergies(ring, learned), T, B, restLearned),
    floorEnergy: relativeDrift(trueEnergyOf(floor), T, B, 0),
    fieldError: fieldErrors(learned, truth, T, B, n),
    status: r.status,
    learnedPhi: fieldSnapshots(learned, T, B, n),
    truePhi: fieldSnapshots(truth, T, B, n),
  };
  return { summary, resolution, omega };
}

/**
 * The analysis stage. The rollouts: energy drifts, field errors, dispersion. The learned density
 * against ½(φ̇² − (∂φ/∂x)²): pointwise on linear fields, and the whole L on held-out states —
 * for the trained density and for a fresh one of the chosen seed.
 */
export function analyseWave(s: WaveSettings, model: GraphLagrangian, modelSeed: number, heldOut: TrainingData, rollouts: WaveRollouts): WaveAnalysis {
  const { summary, resolution, omega } = analyseRollouts(rollouts);
  const gridValues = Array.from({ length: s.densityGrid }, (_, i) => -1 + (2 * i) / (s.densityGrid - 1));
  const density = compareDensity(model, { values: gridValues, dx: 1, states: heldOut });
  const fresh = new GraphLagrangian({ graph: ringGraph(s.trainRing).config, hidden: s.hidden, seed: modelSeed });
  const untrainedDensity = compareDensity(fresh, { values: gridValues, dx: 1, states: heldOut });
  fresh.dispose();
  const T = rollouts.times.length;
  const marks = [0.25, 0.5, 0.75, 1].map((f) => Math.round(f * (T - 1)));
  return { summary, resolution, omega, density, untrainedDensity, marks };
}
