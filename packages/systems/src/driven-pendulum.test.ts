import { solve } from '@lnn/ode';
import { describe, expect, it } from 'vitest';
import { DRIVEN_PENDULUM_REGIMES, drivenPendulum } from './driven-pendulum';
import { forcedProblem } from './forced-problem';
import { createRandom } from './random';

const tight = { rtol: 1e-12, atol: 1e-12 };

/** For pairs of states 1e-9 apart (in θ), the first output time their (θ, θ̇) distance exceeds 1e-3 (∞ if never), and their distance at the end. */
function separations(regime: keyof typeof DRIVEN_PENDULUM_REGIMES, pairs: number, tEnd: number) {
  const { parameters, forcing } = DRIVEN_PENDULUM_REGIMES[regime];
  const pendulum = drivenPendulum(parameters);
  const problem = forcedProblem(pendulum, { input: forcing });
  const times = Float64Array.from({ length: 10 * tEnd + 1 }, (_, k) => k / 10);
  const rng = createRandom(1);
  const [q, v] = [new Float64Array(1), new Float64Array(1)];
  return Array.from({ length: pairs }, () => {
    pendulum.sampleState(rng, q, v);
    const a = solve(problem, [q[0]!, v[0]!], times, tight);
    const b = solve(problem, [q[0]! + 1e-9, v[0]!], times, tight);
    expect(a.ok && b.ok).toBe(true);
    const distance = (k: number) => Math.hypot(a.states[2 * k]! - b.states[2 * k]!, a.states[2 * k + 1]! - b.states[2 * k + 1]!);
    let first = Number.POSITIVE_INFINITY;
    for (let k = 0; k < times.length && first === Number.POSITIVE_INFINITY; k++) if (distance(k) > 1e-3) first = times[k]!;
    return { first, end: distance(times.length - 1) };
  });
}

/** The largest Lyapunov exponent from `periods` drive periods (3π) after 20 periods of transient (renormalised pairs, 1e-8 apart). */
function lyapunov(regime: keyof typeof DRIVEN_PENDULUM_REGIMES, y0: readonly number[], periods: number): number {
  const { parameters, forcing } = DRIVEN_PENDULUM_REGIMES[regime];
  const problem = forcedProblem(drivenPendulum(parameters), { input: forcing });
  const period = 3 * Math.PI;
  const eps = 1e-8;
  let t = 20 * period;
  let y = solve(problem, y0, [0, t], tight).states.slice(2, 4);
  let z = Float64Array.of(y[0]! + eps, y[1]!);
  let sum = 0;
  for (let i = 0; i < periods; i++) {
    const a = solve(problem, y, [t, t + period], tight).states.slice(2, 4);
    const b = solve(problem, z, [t, t + period], tight).states.slice(2, 4);
    const [dx, dv] = [b[0]! - a[0]!, b[1]! - a[1]!];
    const d = Math.hypot(dx, dv);
    sum += Math.log(d / eps);
    [y, z, t] = [a, Float64Array.of(a[0]! + (dx * eps) / d, a[1]! + (dv * eps) / d), t + period];
  }
  return sum / (periods * period);
}

describe('driven pendulum regimes', () => {
  it('chaotic (F = 1.5): every pair of states 1e-9 apart separates beyond 1e-3, within t = 300 (measured 100–200)', () => {
    const runs = separations('chaotic', 8, 300);
    for (const { first } of runs) expect(first).toBeLessThan(300);
    // Exponential, not sudden: none is that far apart early on (λ ≈ 0.11–0.15 ⇒ ≈ 1e-9·e^(0.15·30) ≈ 1e-7 at t = 30).
    for (const { first } of runs) expect(first).toBeGreaterThan(30);
  });

  it('periodic (F = 0.9): pairs 1e-9 apart never reach 1e-3 and end closer than they started', () => {
    for (const { first, end } of separations('periodic', 8, 300)) {
      expect(first).toBe(Number.POSITIVE_INFINITY);
      expect(end).toBeLessThan(1e-10);
    }
  });

  it('largest Lyapunov exponent: positive (0.07–0.2; measured 0.110) on the chaotic set, −b/2 = −0.25 (within 1 %; measured −0.2502) on the periodic one', () => {
    for (const y0 of [
      [0.2, 0],
      [-2, 1],
    ]) {
      const chaotic = lyapunov('chaotic', y0, 60);
      expect(chaotic).toBeGreaterThan(0.07);
      expect(chaotic).toBeLessThan(0.2);
      expect(Math.abs(lyapunov('periodic', y0, 60) + 0.25)).toBeLessThan(0.01 * 0.25);
    }
  });

  it('the regimes are frozen values in natural units', () => {
    expect(DRIVEN_PENDULUM_REGIMES.chaotic).toEqual({ parameters: { m: 1, l: 1, g: 1, b: 0.5 }, forcing: { kind: 'sinusoid', amplitude: 1.5, frequency: 2 / 3, phase: 0 } });
    expect(DRIVEN_PENDULUM_REGIMES.periodic.forcing).toEqual({ kind: 'sinusoid', amplitude: 0.9, frequency: 2 / 3, phase: 0 });
    expect(Object.isFrozen(DRIVEN_PENDULUM_REGIMES.chaotic.parameters) && Object.isFrozen(DRIVEN_PENDULUM_REGIMES.chaotic.forcing)).toBe(true);
  });
});
