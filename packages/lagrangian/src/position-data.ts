/**
 * Positions-only data: trajectories sampled at a fixed interval, `q(t₀ + k·Δt)` with no q̇ or q̈.
 * `positions` is `[trajectories, length, d]` row-major — trajectory c's k-th sample is
 * `positions[(c·length + k)·d …]` — any `ArrayLike<number>`, float64 kept for the differences
 * taken from it. Noise, if any, is part of the data.
 *
 * @example
 * import type { PositionData } from '@lnn/lagrangian';
 * // two trajectories of q = A cos t, five samples each, Δt = 0.1
 * const positions = [1, 2].flatMap((a) => [0, 1, 2, 3, 4].map((k) => a * Math.cos(0.1 * k)));
 * const data: PositionData = { positions, trajectories: 2, dt: 0.1 };
 * console.log(data.positions.length); // 10
 */
export interface PositionData {
  readonly positions: ArrayLike<number>;
  /** How many trajectories `positions` holds (each of the same length, ≥ 3). */
  readonly trajectories: number;
  /** Δt, the interval between consecutive samples. */
  readonly dt: number;
}

/** Validates positions-only data; returns the samples per trajectory. */
export function checkPositionData(data: PositionData, dof: number, minLength: number, where: string): number {
  if (data == null || typeof data !== 'object') throw new TypeError(`${where}: data must be { positions, trajectories, dt }, received ${String(data)}.`);
  const { positions, trajectories, dt } = data;
  if (!Number.isInteger(trajectories) || trajectories < 1) throw new TypeError(`${where}: data.trajectories must be a positive integer, received ${String(trajectories)}.`);
  if (typeof dt !== 'number' || !(dt > 0) || !Number.isFinite(dt)) throw new TypeError(`${where}: data.dt must be a positive finite number, received ${String(dt)}.`);
  const length = (positions?.length ?? 0) / (trajectories * dof);
  if (!Number.isInteger(length) || length < minLength) {
    throw new TypeError(
      `${where}: data.positions must hold trajectories·length·${dof} numbers with length ≥ ${minLength} (this method's window), received ${positions?.length} for ${trajectories} trajectories.`,
    );
  }
  for (let i = 0; i < positions.length; i++) {
    if (!Number.isFinite(positions[i] as number)) throw new RangeError(`${where}: data.positions[${i}] is ${positions[i]}; positions must be finite.`);
  }
  return length;
}

/** The rows of a sample table (float64 on the host, uploaded as float32) and their width. */
export interface SampleTable {
  readonly rows: number;
  readonly width: number;
  readonly values: Float64Array;
}

/**
 * One row per consecutive triple `(q₋, q, q₊)`: `[q, before, target]` with `before = q − q₋` and
 * `target = (q₊ − 2q + q₋)/Δt²` (acceleration units), differences taken in float64.
 */
export function tripleTable(data: PositionData, dof: number, length: number): SampleTable {
  const { positions, trajectories, dt } = data;
  const perTrajectory = length - 2;
  const width = 3 * dof;
  const values = new Float64Array(trajectories * perTrajectory * width);
  const at = (c: number, k: number, i: number) => positions[(c * length + k) * dof + i] as number;
  for (let c = 0; c < trajectories; c++) {
    for (let k = 1; k < length - 1; k++) {
      const row = (c * perTrajectory + k - 1) * width;
      for (let i = 0; i < dof; i++) {
        const [previous, q, next] = [at(c, k - 1, i), at(c, k, i), at(c, k + 1, i)];
        values[row + i] = q;
        values[row + dof + i] = q - previous;
        values[row + 2 * dof + i] = (next - q - (q - previous)) / (dt * dt);
      }
    }
  }
  return { rows: trajectories * perTrajectory, width, values };
}

/**
 * One row per window of `2K + 1` consecutive samples around a centre `q_c`:
 * `[q_c, q̇_c, forward₁ … forward_K, backward₁ … backward_K]`, where `q̇_c` is the centred finite
 * difference (fourth order, `(q₋₂ − 8q₋₁ + 8q₁ − q₂)/(12Δt)`, when K ≥ 2; else `(q₁ − q₋₁)/(2Δt)`)
 * and `forward_k = (q_{c+k} − q_c) / (½(kΔt)²)`, `backward_k` the same for `c − k`: each offset
 * divided by the displacement a unit acceleration makes in k steps, so errors read as accelerations.
 */
export function windowTable(data: PositionData, dof: number, length: number, window: number): SampleTable {
  const { positions, trajectories, dt } = data;
  const perTrajectory = length - 2 * window;
  const width = (2 + 2 * window) * dof;
  const values = new Float64Array(trajectories * perTrajectory * width);
  const at = (c: number, k: number, i: number) => positions[(c * length + k) * dof + i] as number;
  for (let c = 0; c < trajectories; c++) {
    for (let centre = window; centre < length - window; centre++) {
      const row = (c * perTrajectory + centre - window) * width;
      for (let i = 0; i < dof; i++) {
        const q = at(c, centre, i);
        values[row + i] = q;
        values[row + dof + i] =
          window >= 2
            ? (at(c, centre - 2, i) - 8 * at(c, centre - 1, i) + 8 * at(c, centre + 1, i) - at(c, centre + 2, i)) / (12 * dt)
            : (at(c, centre + 1, i) - at(c, centre - 1, i)) / (2 * dt);
        for (let k = 1; k <= window; k++) {
          const unit = 0.5 * (k * dt) ** 2;
          values[row + (1 + k) * dof + i] = (at(c, centre + k, i) - q) / unit;
          values[row + (1 + window + k) * dof + i] = (at(c, centre - k, i) - q) / unit;
        }
      }
    }
  }
  return { rows: trajectories * perTrajectory, width, values };
}

/**
 * One row per window of five consecutive samples `q₋₂ … q₂` around `q`:
 * `[q, q − q₋₁, q₁ − q, q − q₋₂, q₂ − q]`, differences taken in float64 (the fourth-order
 * discrete Euler–Lagrange loss; see `richardsonFromSteps`).
 */
export function fivePointTable(data: PositionData, dof: number, length: number): SampleTable {
  const { positions, trajectories } = data;
  const perTrajectory = length - 4;
  const width = 5 * dof;
  const values = new Float64Array(trajectories * perTrajectory * width);
  const at = (c: number, k: number, i: number) => positions[(c * length + k) * dof + i] as number;
  for (let c = 0; c < trajectories; c++) {
    for (let k = 2; k < length - 2; k++) {
      const row = (c * perTrajectory + k - 2) * width;
      for (let i = 0; i < dof; i++) {
        const q = at(c, k, i);
        values[row + i] = q;
        values[row + dof + i] = q - at(c, k - 1, i);
        values[row + 2 * dof + i] = at(c, k + 1, i) - q;
        values[row + 3 * dof + i] = q - at(c, k - 2, i);
        values[row + 4 * dof + i] = at(c, k + 2, i) - q;
      }
    }
  }
  return { rows: trajectories * perTrajectory, width, values };
}
