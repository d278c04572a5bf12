/**
 * The wave page's simulation: the Lagrangian graph network trained by `pnpm repro` on the
 * 100-point ring beside the true discrete wave equation, from the same plucked string. The
 * network steps through `@lnn/lagrangian`'s `rollout` (RK4, {@link WAVE_STEP}, as the
 * reproduction's wave rollouts); the truth through `@lnn/ode`'s Dormand–Prince at 1e-9. Each
 * field's true energy is tracked against the plucked string's. No DOM.
 */
import { rollout, type DynamicsModel } from '@lnn/lagrangian';
import { dopri5, rk4, solve } from '@lnn/ode';
import { secondOrderProblem, wave1d } from '@lnn/systems';
import { EnergyTrack } from '../shared/energy-track';

/** Points on the ring (the model asset is the density placed on this ring). */
export const RING = 100;
/** The RK4 step of the learned field (s), one per frame at speed ×1: `pnpm repro`'s wave rollout step. */
export const WAVE_STEP = 0.1;
/** The span (s) over which the page reports each field's early energy drift. */
export const WAVE_DRIFT_WINDOW = 20;

/** A pluck: a Gaussian bump of `height` at ring point `center` (width in points), at rest. */
export interface Pluck {
  readonly center: number;
  readonly height: number;
  readonly width: number;
}

/** The string the page starts with. */
export const DEFAULT_PLUCK: Pluck = { center: 25, height: 1, width: 5 };

/** One field: its state `[φ (n), φ̇ (n)]`, its energy track, and why it stopped, if it did. */
export interface Field {
  readonly state: Float64Array;
  energy: EnergyTrack;
  stopped: string | undefined;
}

export class WaveSimulation {
  readonly system = wave1d({ n: RING, dx: 1 });
  private readonly problem = secondOrderProblem(this.system);
  readonly learned: Field;
  readonly truth: Field;
  time = 0;

  constructor(
    private readonly model: DynamicsModel,
    pluck: Pluck = DEFAULT_PLUCK,
  ) {
    if (model.dof !== RING) throw new TypeError(`WaveSimulation: the model has ${model.dof} coordinates, the ring ${RING} points.`);
    const blank = (): Field => ({ state: new Float64Array(2 * RING), energy: new EnergyTrack(1, WAVE_DRIFT_WINDOW), stopped: undefined });
    this.learned = blank();
    this.truth = blank();
    this.pluck(pluck);
  }

  /** Puts both strings in the plucked shape, at rest, at t = 0. */
  pluck({ center, height, width }: Pluck): void {
    if (![center, height, width].every(Number.isFinite) || !(width > 0)) {
      throw new RangeError(`WaveSimulation.pluck: center, height and width must be finite and width > 0, received ${center}, ${height}, ${width}.`);
    }
    const shape = new Float64Array(2 * RING);
    for (let i = 0; i < RING; i++) {
      const d = Math.abs(i - center) % RING;
      const distance = Math.min(d, RING - d);
      shape[i] = height * Math.exp(-(distance * distance) / (2 * width * width));
    }
    this.time = 0;
    const energy = this.trueEnergy(shape);
    // The drift is relative to the plucked string's energy (a flat string has none: no drift then).
    for (const field of [this.learned, this.truth]) {
      field.state.set(shape);
      field.stopped = undefined;
      field.energy = new EnergyTrack(energy > 0 ? energy : 1, WAVE_DRIFT_WINDOW);
      field.energy.record(0, energy);
    }
  }

  /** The true energy of a field state `[φ, φ̇]`: ½Σφ̇² + ½Σ(φᵢ₊₁ − φᵢ)² (Δx = 1). */
  trueEnergy(state: Float64Array): number {
    return this.system.energy(state.subarray(0, RING), state.subarray(RING));
  }

  /** Advances both fields by `steps` steps of {@link WAVE_STEP}, recording their true energies after every step. */
  advance(steps: number): void {
    if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`WaveSimulation.advance: steps must be a positive integer, received ${steps}.`);
    const times = Array.from({ length: steps + 1 }, (_, i) => i * WAVE_STEP);
    const dim = 2 * RING;
    for (const [field, run] of [
      [this.learned, (y: Float64Array) => rollout(this.model, y, times, rk4({ dt: WAVE_STEP }))],
      [this.truth, (y: Float64Array) => solve(this.problem, y, times, dopri5({ rtol: 1e-9, atol: 1e-9 }))],
    ] as const) {
      if (field.stopped !== undefined) continue;
      const result = run(field.state);
      for (let i = 1; i <= steps; i++) {
        const state = result.states.subarray(dim * i, dim * (i + 1));
        const t = this.time + (times[i] as number);
        if (i >= (result.reached[0] as number) || !state.every(Number.isFinite)) {
          field.stopped = `stopped at t = ${t.toFixed(1)} s (${result.status[0] === 'success' ? 'non-finite' : result.status[0]} state)`;
          field.energy.record(t, Number.NaN);
          break;
        }
        field.state.set(state);
        field.energy.record(t, this.trueEnergy(field.state));
      }
    }
    this.time += steps * WAVE_STEP;
  }
}
