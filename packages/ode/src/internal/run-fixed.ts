import type { Integrator, IntegratorState } from '../integrator';
import type { MethodRun } from '../method';
import { checkStops, fail, isFiniteRow, record } from './tracker';

/**
 * Fixed steps: each output interval split into equal steps of at most `dt`; a step's failures
 * (Newton), non-finite states and `stop` end trajectories; the whole batch shares the step count.
 */
export function runFixed(integrator: Integrator, run: MethodRun, dt: number, maxSteps: number): void {
  const { tracker: tr, ids, y0, times, batch, dim } = run;
  let state: IntegratorState = integrator.init(times[0] as number, y0);
  for (let k = 1; k < times.length; k++) {
    const interval = (times[k] as number) - (times[k - 1] as number);
    const n = Math.max(1, Math.ceil(Math.abs(interval) / dt - 1e-9));
    const h = interval / n;
    for (let s = 0; s < n; s++) {
      if (tr.steps >= maxSteps) {
        for (const b of ids) fail(tr, b, 'step-limit', state.t);
        return;
      }
      const step = integrator.step(state, h);
      tr.steps++;
      tr.evaluations += step.evaluations;
      for (const j of step.failed ?? []) fail(tr, ids[j] as number, 'newton-failed', state.t);
      state = step.state;
      ids.forEach((b, j) => {
        if (tr.status[b] === 'success' && !isFiniteRow(state.y, j * dim, dim)) fail(tr, b, 'non-finite', state.t);
      });
      checkStops(tr, ids, state.y, dim, state.t);
    }
    record(tr, k, ids, state.y, batch, dim, state.t);
    if (ids.every((b) => tr.status[b] !== 'success')) return;
  }
}
