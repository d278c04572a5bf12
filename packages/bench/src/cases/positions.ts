import type { PositionData } from '@lnn/lagrangian';
import { doublePendulum, positionTrajectories } from '@lnn/systems';

/**
 * Positions-only double-pendulum data (`@lnn/systems`' `positionTrajectories`): `count`
 * trajectories of `length` samples Δt apart, from initial states drawn as the paper's training
 * states (angles in [0, 2π), rates in [−10, 10]), integrated by DOPRI5 at 1e-12, with Gaussian
 * noise of standard deviation `noise`.
 */
export function doublePendulumPositions(count: number, length: number, dt: number, seed: number, noise = 0): PositionData {
  const dp = doublePendulum();
  const { observed } = positionTrajectories(dp, { count, dt, steps: length - 1, noise, seed, sample: dp.sampleTrainingState });
  return { positions: observed.arrays.positions!.data, trajectories: count, dt };
}
