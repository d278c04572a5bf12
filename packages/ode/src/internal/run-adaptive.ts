import type { Integrator, IntegratorState } from '../integrator';
import type { MethodRun } from '../method';
import type { Rhs } from '../problem';
import { errorNorm, initialStep, stepFactor } from '../step-control';
import { checkStops, fail, isFiniteRow, record } from './tracker';

/** The controller's settings. */
export interface AdaptiveSettings {
  readonly rtol: number;
  readonly atol: number;
  /** The first step; undefined for Hairer's estimate. */
  readonly dt: number | undefined;
  readonly maxSteps: number;
}

/**
 * Adaptive steps of any embedded pair (an integrator with `embeddedOrder` and an error estimate),
 * controlled by the largest scaled error of the running trajectories: Hairer's first step, the
 * standard step factor of the embedded order, rejected attempts counted toward `maxSteps`. Outputs
 * come from the integrator's dense output (`interpolate`) when it has one; otherwise the steps are
 * shortened to land on each requested time.
 */
export function runAdaptive(method: Integrator, f: Rhs, run: MethodRun, settings: AdaptiveSettings): void {
  const { tracker: tr, ids, y0, times, batch, dim } = run;
  const order = method.embeddedOrder as number;
  const dense = method.interpolate?.bind(method);
  const { rtol, atol, maxSteps } = settings;
  const t0 = times[0] as number;
  const tEnd = times[times.length - 1] as number;
  let state: IntegratorState & { f?: Float64Array } = method.init(t0, y0);
  // An FSAL pair's init evaluated f(t₀, y₀) and carries it; another's did not.
  tr.evaluations += state.f === undefined ? 0 : 1;
  const direction = Math.sign(tEnd - t0) || 1;
  const slope = (): Float64Array => {
    if (state.f !== undefined) return state.f;
    const f0 = new Float64Array(y0.length);
    f(t0, y0, f0);
    tr.evaluations += 1;
    return f0;
  };
  let h = settings.dt ?? initialStep(f, t0, y0, slope(), order, rtol, atol, direction);
  tr.evaluations += settings.dt === undefined ? 1 : 0;
  h = direction * Math.min(Math.abs(h), Math.abs(tEnd - t0) || Math.abs(h));
  if (!Number.isFinite(h)) {
    // The right-hand side is not finite at the start (the estimate of the first step is NaN).
    for (const b of ids) fail(tr, b, 'non-finite', t0);
    return;
  }
  let k = 1;
  let steps = 0;
  let rejectedLast = false;
  const out = new Float64Array(y0.length);
  const anyActive = () => ids.some((b) => tr.status[b] === 'success');
  let rejected = 0;
  while (k < times.length && anyActive()) {
    // Rejected attempts count too: a step size that never passes (a NaN in the model, say) must
    // end at the limit rather than loop for ever.
    if (steps + rejected >= maxSteps) {
      for (const b of ids) fail(tr, b, 'step-limit', state.t);
      return;
    }
    // Without dense output, land on the next requested time; with it, only on the last.
    const target = dense === undefined ? (times[k] as number) : tEnd;
    const proposed = h;
    const landing = direction * (state.t + h - target) >= 0;
    if (direction * (state.t + h - target) > 0 || (dense === undefined && landing)) h = target - state.t;
    const step = method.step(state, h);
    tr.evaluations += step.evaluations;
    const error = step.error as Float64Array;
    let err = 0;
    const bad: number[] = [];
    ids.forEach((b, j) => {
      if (tr.status[b] !== 'success') return;
      const e = errorNorm(error, state.y, step.state.y, j * dim, dim, rtol, atol);
      if (!Number.isFinite(e) || !isFiniteRow(step.state.y, j * dim, dim)) bad.push(b);
      else err = Math.max(err, e);
    });
    const tiny = Math.abs(h) <= 1e-14 * Math.max(1, Math.abs(state.t));
    if (bad.length > 0) {
      tr.rejected++;
      rejected++;
      if (tiny) {
        for (const b of bad) fail(tr, b, 'non-finite', state.t);
        h = direction * Math.max(Math.abs(h), 1e-6);
      } else {
        h *= 0.25;
      }
      rejectedLast = true;
      continue;
    }
    if (err <= 1) {
      steps++;
      tr.steps++;
      if (dense === undefined) {
        if (landing) {
          record(tr, k, ids, step.state.y, batch, dim, times[k] as number);
          k++;
        }
      } else {
        while (k < times.length && direction * ((times[k] as number) - step.state.t) <= 0) {
          const tk = times[k] as number;
          if (tk === step.state.t) out.set(step.state.y);
          else dense(state, step.state, tk, out);
          record(tr, k, ids, out, batch, dim, tk);
          k++;
        }
      }
      state = step.state;
      checkStops(tr, ids, state.y, dim, state.t);
      // A step shortened to land on an output time says little about the next: the controller's own proposal stands.
      h = dense === undefined && landing ? direction * Math.max(Math.abs(proposed), Math.abs(h * stepFactor(err, order, rejectedLast))) : h * stepFactor(err, order, rejectedLast);
      rejectedLast = false;
    } else {
      tr.rejected++;
      rejected++;
      if (tiny) {
        for (const b of ids) fail(tr, b, 'step-size-underflow', state.t);
        return;
      }
      h *= stepFactor(err, order, true);
      rejectedLast = true;
    }
  }
}
