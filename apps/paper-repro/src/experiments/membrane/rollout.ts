import path from 'node:path';
import { periodicGridGraph, type GraphLagrangian } from '@lnn/graph-lagrangian';
import { saveModel } from '@lnn/lagrangian';
import { dopri5, rk4, solve } from '@lnn/ode';
import { createRandom, secondOrderProblem, wave2d, type Wave2d } from '@lnn/systems';
import type { ExperimentContext } from '../../experiment';
import { rolloutWithProgress } from '../rollout-with-progress';
import { INITIAL_CONDITIONS, type MembraneSettings } from './settings';

/** The rollouts on the big grid: the learned density's, the truth's and the integrator floor's, each `[T, B, 2n]`. */
export interface MembraneRollouts {
  /** The trained density on the `rollout.n` × `rollout.n` grid (the caller disposes it). */
  readonly grid: GraphLagrangian;
  /** The true discrete membrane on that grid. */
  readonly big: Wave2d;
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
  /** Wall time of the learned rollout when it was computed (kept with the cached stage) and the accelerations it evaluated. */
  readonly seconds: number;
  readonly evaluations: number;
}

/**
 * A Gaussian bump at rest in the middle of the grid (peak 1, `bumpWidth` grid points: it spreads
 * as a ring) and a smooth random field of travelling plane waves (|mx|, |my| ≤ `fieldModes`, peak 1,
 * seed `1000·seed + 5`), `[B, 2n]`.
 */
export function initialStates(big: Wave2d, s: MembraneSettings['rollout'], seed: number): Float64Array {
  const n = big.dof;
  const y0 = new Float64Array(INITIAL_CONDITIONS.length * 2 * n);
  const [cx, cy] = [big.nx / 2, big.ny / 2];
  for (let iy = 0; iy < big.ny; iy++) for (let ix = 0; ix < big.nx; ix++) y0[iy * big.nx + ix] = Math.exp(-((ix - cx) ** 2 + (iy - cy) ** 2) / (2 * s.bumpWidth ** 2));
  big.smoothRandomField(createRandom(1000 * seed + 5), y0.subarray(2 * n, 3 * n), y0.subarray(3 * n, 4 * n), { modes: s.fieldModes, amplitude: 1 });
  return y0;
}

/**
 * The rollout stage: the same density on the `rollout.n` × `rollout.n` grid (saved as
 * `models/membrane/lgn-grid<n>`), rolled out by RK4 from both initial conditions, beside the truth
 * and the integrator floor (each cached as a stage: `truth`, `integrator-floor`, `rollout`).
 */
export function membraneRollouts(context: ExperimentContext, s: MembraneSettings, model: GraphLagrangian): MembraneRollouts {
  const { n, tEnd, outputs, dt, segments } = s.rollout;
  const grid = model.onGraph(periodicGridGraph(n, n).config);
  saveModel(grid, path.join(context.modelDir, `lgn-grid${n}`));
  const big = wave2d({ nx: n, ny: n, boundary: 'periodic' });
  const y0 = initialStates(big, s.rollout, context.seed);
  const times = Float64Array.from({ length: outputs }, (_, i) => (tEnd * i) / (outputs - 1));
  const truth = Float64Array.from(context.stage('truth', () => Array.from(solve(secondOrderProblem(big), y0, times, dopri5({ rtol: 1e-10, atol: 1e-10 })).states)));
  const floor = Float64Array.from(context.stage('integrator-floor', () => Array.from(solve(secondOrderProblem(big), y0, times, rk4({ dt })).states)));
  const learned = context.stage('rollout', () => {
    const t0 = Date.now();
    const r = rolloutWithProgress(context.progress, `membrane: rolling the learned density out on the ${n} × ${n} grid to t = ${tEnd}`, grid, y0, times, rk4({ dt }), { segments });
    return { states: Array.from(r.states, (x) => (Number.isFinite(x) ? x : null)), status: r.status, seconds: (Date.now() - t0) / 1000 };
  });
  const evaluations = 4 * Math.ceil(tEnd / dt - 1e-9);
  return { grid, big, y0, times, truth, floor, learned: Float64Array.from(learned.states, (x) => x ?? Number.NaN), status: learned.status, seconds: learned.seconds, evaluations };
}
