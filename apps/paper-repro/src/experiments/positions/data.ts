import type { PositionData, TrainingData } from '@lnn/lagrangian';
import { accelerationDataset, doublePendulum, positionTrajectories, splitStates } from '@lnn/systems';
import { regimeSampler, restSampler, type StateSampler } from './regime';
import type { PositionCase, PositionsSettings } from './settings';

/** Everything the experiment trains and evaluates on. */
export interface PositionsData {
  /** Per case: the observed positions (with noise) — all a positions-only learner sees. */
  readonly positions: readonly PositionData[];
  /** Per case: the MLP baseline's data, finite-difference q̇ and q̈ from the same positions. */
  readonly differenced: readonly TrainingData[];
  /** Per case: held-out trajectories of positions (other initial states), and their finite differences — the positions-only models' keep-best validation. */
  readonly validationPositions: readonly PositionData[];
  readonly validationDifferenced: readonly TrainingData[];
  /** The velocity-supervised LNN's data: as many states as the positions hold, with exact q̇, q̈; and its validation states. */
  readonly velocities: TrainingData;
  readonly validationVelocities: TrainingData;
  /** Held-out states with exact accelerations (the MAE of every model). */
  readonly test: TrainingData;
  /** Starting states `[B, 4]` for the rollouts (at rest, in the regime). */
  readonly starts: Float64Array;
  /** MAE of predicting q̈ = 0 on the test states (for scale). */
  readonly zeroMae: number;
}

/**
 * Fourth-order centred differences at every window of five consecutive positions:
 * q̇ ≈ (q₋₂ − 8q₋₁ + 8q₁ − q₂)/(12Δt), q̈ ≈ (−q₋₂ + 16q₋₁ − 30q + 16q₁ − q₂)/(12Δt²) — what an MLP
 * for q̈ can be fitted to when only positions are observed (noise σ becomes ≈ 3.1σ/Δt² in q̈: √(1 + 16² + 30² + 16² + 1)/12).
 */
export function differencedData(data: PositionData, dof: number): TrainingData {
  const { positions, trajectories, dt } = data;
  const length = positions.length / (trajectories * dof);
  const rows = trajectories * (length - 4);
  const [q, qdot, qdd] = [new Float64Array(rows * dof), new Float64Array(rows * dof), new Float64Array(rows * dof)];
  const at = (c: number, k: number, i: number) => positions[(c * length + k) * dof + i] as number;
  let r = 0;
  for (let c = 0; c < trajectories; c++) {
    for (let k = 2; k < length - 2; k++, r++) {
      for (let i = 0; i < dof; i++) {
        const [m2, m1, x, p1, p2] = [-2, -1, 0, 1, 2].map((o) => at(c, k + o, i)) as [number, number, number, number, number];
        q[r * dof + i] = x;
        qdot[r * dof + i] = (m2 - 8 * m1 + 8 * p1 - p2) / (12 * dt);
        qdd[r * dof + i] = (-m2 + 16 * m1 - 30 * x + 16 * p1 - p2) / (12 * dt * dt);
      }
    }
  }
  return { q, qdot, qdd };
}

/** The double pendulum's states (drawn by `sample`) and their exact accelerations. */
function accelerationData(sample: StateSampler, count: number, seed: number): TrainingData {
  const ds = accelerationDataset(doublePendulum(), { count, seed, sample });
  return { ...splitStates(ds.arrays.states!.data, 2), qdd: ds.arrays.accelerations!.data };
}

/** The data stage: positions of every case (the same initial states in each), the validation and reference sets, the rollout starts — all in the settings' regime. */
export function positionsData(s: PositionsSettings, seed: number): PositionsData {
  const dp = doublePendulum();
  const sample = regimeSampler(dp, s.regime);
  const observe = (c: PositionCase, count: number, dataSeed: number): PositionData => {
    const { observed } = positionTrajectories(dp, { count, dt: c.dt, steps: s.length - 1, noise: c.noise, seed: dataSeed, sample });
    return { positions: observed.arrays.positions!.data, trajectories: count, dt: c.dt };
  };
  const positions = s.cases.map((c) => observe(c, s.trajectories, 1000 * seed + 1));
  const validationPositions = s.cases.map((c) => observe(c, s.validationTrajectories, 1000 * seed + 6));
  const test = accelerationData(sample, s.testCount, 1000 * seed + 2);
  const starts = accelerationDataset(dp, { count: s.rollout.starts, seed: 1000 * seed + 4, sample: restSampler(s.regime) }).arrays.states!.data;
  const zeroMae = Array.from(test.qdd).reduce((sum, x) => sum + Math.abs(x), 0) / test.qdd.length;
  return {
    positions,
    differenced: positions.map((p) => differencedData(p, 2)),
    validationPositions,
    validationDifferenced: validationPositions.map((p) => differencedData(p, 2)),
    velocities: accelerationData(sample, s.trajectories * s.length, 1000 * seed + 5),
    validationVelocities: accelerationData(sample, s.validationTrajectories * s.length, 1000 * seed + 7),
    test,
    starts: Float64Array.from(starts),
    zeroMae,
  };
}
