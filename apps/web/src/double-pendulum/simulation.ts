/**
 * The double-pendulum page's simulation: the learned LNN, the MLP baseline and the true equations,
 * each advanced from the same state by the same fixed steps, with each one's true energy tracked.
 * The models step through `@lnn/lagrangian`'s `rollout` (RK4, {@link STEP}); the truth through
 * `@lnn/ode`'s adaptive Dormand–Prince at 1e-10 (exact to the eye). No DOM: the page draws it.
 */
import { rollout, type DynamicsModel } from '@lnn/lagrangian';
import { dopri5, rk4, solve } from '@lnn/ode';
import { doublePendulum, secondOrderProblem } from '@lnn/systems';
import { EnergyTrack } from '../shared/energy-track';

/**
 * The RK4 step (s) of the learned models, one per frame at speed ×1. At 1/60 s, RK4 on the true
 * equations drifts by 0.187 % of 29.4 J in 10 s from {@link DEFAULT_STATE}, and by at most 0.18 %
 * from 8 of the paper's energy-test states (measured; 2.9 % at 1/30 s, 0.006 % at 1/120 s, which
 * would halve the frame rate): about a sixteenth of the drift bound (3 %) the page is tested against.
 */
export const STEP = 1 / 60;

/** The span (s) over which the page reports each pendulum's early energy drift. */
export const DRIFT_WINDOW = 10;

/** The pendulums simulated, in drawing order. */
export const PENDULUMS = ['truth', 'lnn', 'mlp'] as const;
export type PendulumName = (typeof PENDULUMS)[number];

/** The state the page starts from: both arms raised (θ₁ = 2.0, θ₂ = 2.6 rad from the downward vertical), at rest. */
export const DEFAULT_STATE: readonly number[] = [2.0, 2.6, 0, 0];

/** One pendulum: its state `[θ₁, θ₂, θ̇₁, θ̇₂]`, its energy track, and why it stopped, if it did. */
export interface PendulumState {
  readonly state: Float64Array;
  readonly energy: EnergyTrack;
  stopped: string | undefined;
}

export class DoublePendulumSimulation {
  readonly system = doublePendulum();
  private readonly problem = secondOrderProblem(this.system);
  readonly pendulums: Record<PendulumName, PendulumState>;
  /** Simulated time since the last reset (s). */
  time = 0;

  constructor(
    private readonly models: Readonly<Record<'lnn' | 'mlp', DynamicsModel>>,
    initial: readonly number[] = DEFAULT_STATE,
  ) {
    this.pendulums = Object.fromEntries(PENDULUMS.map((name) => [name, this.fresh(initial)])) as Record<PendulumName, PendulumState>;
    this.reset(initial);
  }

  private fresh(initial: readonly number[]): PendulumState {
    return { state: Float64Array.from(initial), energy: new EnergyTrack(this.system.potentialBound, DRIFT_WINDOW), stopped: undefined };
  }

  /** Puts all three pendulums in `state` (`[θ₁, θ₂, θ̇₁, θ̇₂]`) at t = 0 and restarts their energy tracks. */
  reset(state: readonly number[]): void {
    if (state.length !== 4 || !state.every(Number.isFinite)) throw new RangeError(`DoublePendulumSimulation.reset: state must be 4 finite numbers [θ₁, θ₂, θ̇₁, θ̇₂], received [${state.join(', ')}].`);
    this.time = 0;
    for (const name of PENDULUMS) {
      this.pendulums[name] = this.fresh(state);
      this.pendulums[name].energy.record(0, this.trueEnergy(this.pendulums[name].state));
    }
  }

  /** The true (physical) energy of a state, J. */
  trueEnergy(state: Float64Array): number {
    return this.system.energy(state.subarray(0, 2), state.subarray(2, 4));
  }

  /**
   * Advances every pendulum by `steps` steps of {@link STEP}, recording their true energies after
   * every step (so the drift does not depend on how many steps a frame takes).
   */
  advance(steps: number): void {
    if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`DoublePendulumSimulation.advance: steps must be a positive integer, received ${steps}.`);
    const times = Array.from({ length: steps + 1 }, (_, i) => i * STEP);
    for (const name of PENDULUMS) {
      const p = this.pendulums[name];
      if (p.stopped !== undefined) continue;
      const result =
        name === 'truth'
          ? solve(this.problem, p.state, times, dopri5({ rtol: 1e-10, atol: 1e-10 }))
          : rollout(this.models[name], p.state, times, rk4({ dt: STEP }));
      for (let i = 1; i <= steps; i++) {
        const state = result.states.subarray(4 * i, 4 * i + 4);
        const t = this.time + (times[i] as number);
        if (i >= (result.reached[0] as number) || !state.every(Number.isFinite)) {
          p.stopped = `stopped at t = ${t.toFixed(2)} s (${result.status[0] === 'success' ? 'non-finite' : result.status[0]} state)`;
          p.energy.record(t, Number.NaN);
          break;
        }
        p.state.set(state);
        p.energy.record(t, this.trueEnergy(p.state));
      }
    }
    this.time += steps * STEP;
  }
}
