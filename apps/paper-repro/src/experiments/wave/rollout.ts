import path from 'node:path';
import { ringGraph, type GraphLagrangian } from '@lnn/graph-lagrangian';
import { saveModel } from '@lnn/lagrangian';
import { dopri5, rk4, solve } from '@lnn/ode';
import { createRandom, secondOrderProblem, wave1d, type Wave1d } from '@lnn/systems';
import type { ExperimentContext } from '../../experiment';
import { rolloutWithProgress } from '../rollout-with-progress';
import { INITIAL_CONDITIONS, type WaveSettings } from './settings';
import { waveStateSampler } from './wave-data';

/** The rollouts on the big ring: the learned density's, the truth's and the integrator floor's, each `[T, B, 2n]`. */
export interface WaveRollouts {
  /** The trained density on the `rollout.n`-point ring (the caller disposes it). */
  readonly ring: GraphLagrangian;
  /** The true discrete wave on that ring. */
  readonly big: Wave1d;
  /** Initial states `[B, 2n]`, in the order of {@link INITIAL_CONDITIONS}. */
  readonly y0: Float64Array;
  readonly times: Float64Array;
  /** The exact discrete wave equation by adaptive Dormand–Prince at 1e-10. */
  readonly truth: Float64Array;
  /** The true equations by the same RK4 as the learned density. */
  readonly floor: Float64Array;
  /** The learned density's rollout (NaN from where a trajectory stopped) and each trajectory's status. */
  readonly learned: Float64Array;
  readonly status: string[];
}

/** A right-moving Gaussian pulse and a smooth random field (seed `1000·seed + 5`), `[B, 2n]`. */
function initialStates(big: Wave1d, s: WaveSettings, seed: number): Float64Array {
  const { n, pulseWidth } = s.rollout;
  const y0 = new Float64Array(INITIAL_CONDITIONS.length * 2 * n);
  const [phi, phiDot] = [new Float64Array(n), new Float64Array(n)];
  big.gaussianPulse(phi, phiDot, { center: n / 4, width: pulseWidth, amplitude: 1, travelling: true });
  y0.set(phi, 0);
  y0.set(phiDot, n);
  waveStateSampler(big, { modes: 5, amplitude: 1, velocityAmplitude: 0.1 })(createRandom(1000 * seed + 5), phi, phiDot);
  y0.set(phi, 2 * n);
  y0.set(phiDot, 3 * n);
  return y0;
}

/**
 * The rollout stage: the same density on the `rollout.n`-point ring (saved as
 * `models/wave/lgn-ring<n>`), rolled out by RK4 from both initial conditions, beside the truth and
 * the integrator floor (each cached as a stage: `truth`, `integrator-floor`, `rollout`).
 */
export function waveRollouts(context: ExperimentContext, s: WaveSettings, model: GraphLagrangian): WaveRollouts {
  const { n, tEnd, outputs, dt, segments } = s.rollout;
  const ring = model.onGraph(ringGraph(n).config);
  saveModel(ring, path.join(context.modelDir, `lgn-ring${n}`));
  const big = wave1d({ n, dx: 1 });
  const y0 = initialStates(big, s, context.seed);
  const times = Float64Array.from({ length: outputs }, (_, i) => (tEnd * i) / (outputs - 1));
  const truth = Float64Array.from(context.stage('truth', () => Array.from(solve(secondOrderProblem(big), y0, times, dopri5({ rtol: 1e-10, atol: 1e-10 })).states)));
  const floor = Float64Array.from(context.stage('integrator-floor', () => Array.from(solve(secondOrderProblem(big), y0, times, rk4({ dt })).states)));
  const learned = context.stage('rollout', () => {
    const r = rolloutWithProgress(context.progress, `wave: rolling the learned density out on a ${n}-point ring to t = ${tEnd}`, ring, y0, times, rk4({ dt }), { segments });
    return { states: Array.from(r.states, (x) => (Number.isFinite(x) ? x : null)), status: r.status };
  });
  return { ring, big, y0, times, truth, floor, learned: Float64Array.from(learned.states, (x) => x ?? Number.NaN), status: learned.status };
}
