import { dopri5, solve } from '@lnn/ode';
import { describe, expect, it } from 'vitest';
import { expectRelative, finiteDifferenceAcceleration } from './internal/graph-fixtures';
import { secondOrderProblem } from './problems';
import { createRandom } from './random';
import { verletRollout } from './verlet-rollout';
import { wave2d, type Wave2d } from './wave-2d';

const randomState = (wave: Wave2d, seed: number) => {
  const rng = createRandom(seed);
  const q = Float64Array.from({ length: wave.dof }, () => rng.normal());
  const v = Float64Array.from({ length: wave.dof }, () => rng.normal());
  return { q, v };
};

/** Σᵢ φᵢ · pattern(xᵢ): the field projected on a mode's spatial pattern (cos(k·x) periodic, sin sin clamped). */
function projector(wave: Wave2d, mx: number, my: number): (phi: ArrayLike<number>) => number {
  const pattern = new Float64Array(wave.dof);
  wave.mode(mx, my, pattern, new Float64Array(wave.dof)); // phase 0: the pattern itself
  return (phi) => pattern.reduce((sum, p, i) => sum + p * (phi[i] as number), 0);
}

/**
 * ω measured from a sampled signal s(t) with derivative ṡ(t): its zero crossings, each located by
 * the cubic Hermite interpolant on the sample interval (bisection), then π·(crossings − 1)/span.
 */
function measuredFrequency(times: Float64Array, s: Float64Array, sdot: Float64Array): number {
  const crossings: number[] = [];
  for (let k = 0; k + 1 < times.length; k++) {
    const [t0, t1, y0, y1, d0, d1] = [times[k]!, times[k + 1]!, s[k]!, s[k + 1]!, sdot[k]!, sdot[k + 1]!];
    if (y0 === 0 || Math.sign(y0) === Math.sign(y1)) continue;
    const dt = t1 - t0;
    const hermite = (u: number) => (2 * u ** 3 - 3 * u ** 2 + 1) * y0 + (u ** 3 - 2 * u ** 2 + u) * dt * d0 + (-2 * u ** 3 + 3 * u ** 2) * y1 + (u ** 3 - u ** 2) * dt * d1;
    let [lo, hi] = [0, 1];
    for (let it = 0; it < 60; it++) {
      const mid = (lo + hi) / 2;
      if (Math.sign(hermite(mid)) === Math.sign(y0)) lo = mid;
      else hi = mid;
    }
    crossings.push(t0 + dt * (lo + hi) / 2);
  }
  return (Math.PI * (crossings.length - 1)) / (crossings.at(-1)! - crossings[0]!);
}

describe('wave2d: the discrete 2D wave equation', () => {
  const grids = [wave2d({ nx: 5, ny: 4, c: 1.3, spacing: 0.7 }), wave2d({ nx: 3, ny: 4, c: 0.8, spacing: 1.2, boundary: 'clamped' }), wave2d({ nx: 3, ny: 3 })];

  it.each(grids.map((w) => [`${w.boundary} ${w.nx}×${w.ny}`, w] as const))('%s: accelerations equal the general Euler–Lagrange solve of L by finite differences (1e-9)', (_name, wave) => {
    for (let seed = 0; seed < 3; seed++) {
      const { q, v } = randomState(wave, seed);
      const a = new Float64Array(wave.dof);
      wave.acceleration(q, v, a);
      // L is quadratic: the fourth-order difference is exact at any step, so a large one keeps rounding small.
      expectRelative(a, finiteDifferenceAcceleration(wave, q, v, undefined, 0.1), 1e-9, `seed ${seed}`);
      // The energy is v·∂L/∂v − L; the gradient and Hessian agree with the accelerations.
      const [dq, dv] = [new Float64Array(wave.dof), new Float64Array(wave.dof)];
      wave.lagrangianGradient(q, v, dq, dv);
      expectRelative([wave.energy(q, v)], [dv.reduce((s, x, i) => s + x * v[i]!, 0) - wave.lagrangian(q, v)], 1e-13, 'E = v·∂L/∂v − L');
      expectRelative(dq, a, 1e-15, 'unit masses: ∂L/∂φ = φ̈');
      const n = wave.dof;
      const [hqq, hqv, hvv] = [new Float64Array(n * n), new Float64Array(n * n), new Float64Array(n * n)];
      wave.lagrangianHessian(q, v, hqq, hqv, hvv);
      const hq = Float64Array.from({ length: n }, (_, i) => hqq.subarray(i * n, (i + 1) * n).reduce((s, x, j) => s + x * q[j]!, 0));
      expectRelative(hq, a, 1e-14, 'L is quadratic: H_qq φ = ∂L/∂φ');
      expect(hvv.every((x, k) => x === (k % (n + 1) === 0 ? 1 : 0)) && hqv.every((x) => x === 0)).toBe(true);
    }
  });

  it('the graph: node (ix, iy) is iy·nx + ix with neighbours (left, right, up, down); V is the sum over edges and boundary edges', () => {
    const periodic = wave2d({ nx: 4, ny: 3 });
    expect(periodic.graph.neighbours[0]).toEqual([3, 1, 8, 4]);
    expect(periodic.graph.edges.length / 2).toBe(2 * 12);
    expect(periodic.graph.boundaryEdges.length).toBe(0);
    const clamped = wave2d({ nx: 4, ny: 3, boundary: 'clamped', spacing: 0.5 });
    expect(Array.from(clamped.stencil.subarray(0, 4))).toEqual([-1, 1, -1, 4]);
    expect(clamped.graph.neighbours[5]).toEqual([4, 6, 1, 9]);
    expect(clamped.graph.edges.length / 2).toBe(3 * 3 + 4 * 2);
    expect(clamped.graph.boundaryEdges.length).toBe(2 * (4 + 3));
    expect(Array.from(clamped.graph.positions.subarray(0, 4))).toEqual([0.5, 0.5, 1, 0.5]);
    for (const wave of [periodic, clamped]) {
      const { q, v } = randomState(wave, 4);
      const g = wave.graph;
      let potential = 0;
      for (let e = 0; e < g.edges.length / 2; e++) potential += 0.5 * ((q[g.edges[2 * e]!]! - q[g.edges[2 * e + 1]!]!) / wave.spacing) ** 2;
      for (const i of g.boundaryEdges) potential += 0.5 * (q[i]! / wave.spacing) ** 2;
      const kinetic = 0.5 * v.reduce((s, x) => s + x * x, 0);
      expectRelative([wave.energy(q, v), wave.lagrangian(q, v)], [kinetic + potential, kinetic - potential], 1e-13, 'E and L from the edge list');
    }
  });

  it('dispersion: plane waves on a periodic grid oscillate at ω² = (4c²/h²)(sin²(kx h/2) + sin²(ky h/2)), measured from dopri5 rollouts (1e-9)', () => {
    const wave = wave2d({ nx: 8, ny: 6, c: 1.3, spacing: 0.7 });
    for (const [mx, my] of [[1, 0], [0, 1], [2, 1], [3, -2], [-1, 3], [4, 3]] as const) {
      const omega = wave.modeFrequency(mx, my);
      const [kx, ky] = [(2 * Math.PI * mx) / (8 * 0.7), (2 * Math.PI * my) / (6 * 0.7)];
      expectRelative([omega], [Math.sqrt(((4 * 1.3 ** 2) / 0.7 ** 2) * (Math.sin((kx * 0.7) / 2) ** 2 + Math.sin((ky * 0.7) / 2) ** 2))], 1e-14, `ω(${mx}, ${my})`);
      expect(measuredMode(wave, mx, my, 0.4)).toBeLessThan(1e-9); // measured: ≤ 2e-14
    }
  });

  it('dispersion: clamped sine modes oscillate at ω(π m/((n + 1) h)), measured from dopri5 rollouts (1e-9)', () => {
    const wave = wave2d({ nx: 7, ny: 5, c: 0.9, spacing: 1.1, boundary: 'clamped' });
    for (const [mx, my] of [[1, 1], [2, 1], [1, 4], [5, 3], [7, 5]] as const) {
      expectRelative([wave.modeFrequency(mx, my)], [wave.frequency((Math.PI * mx) / (8 * 1.1), (Math.PI * my) / (6 * 1.1))], 1e-14, `ω(${mx}, ${my})`);
      expect(measuredMode(wave, mx, my, 1.1)).toBeLessThan(1e-9); // measured: ≤ 4e-14
    }
  });

  /** |ω_measured / ω_predicted − 1| for one mode, rolled out by dopri5 (rtol = atol = 1e-12) over 6 periods, 40 samples a period. */
  function measuredMode(wave: Wave2d, mx: number, my: number, phase: number): number {
    const omega = wave.modeFrequency(mx, my);
    const y0 = new Float64Array(2 * wave.dof);
    wave.mode(mx, my, y0.subarray(0, wave.dof), y0.subarray(wave.dof), { amplitude: 0.7, phase });
    const period = (2 * Math.PI) / omega;
    const times = Float64Array.from({ length: 241 }, (_, k) => (k * period) / 40);
    const r = solve(secondOrderProblem(wave), y0, times, dopri5({ rtol: 1e-12, atol: 1e-12 }));
    expect(r.status).toEqual(['success']);
    const project = projector(wave, mx, my);
    const d = wave.dof;
    const s = Float64Array.from(times, (_, k) => project(r.states.subarray(2 * d * k, 2 * d * k + d)));
    const sdot = Float64Array.from(times, (_, k) => project(r.states.subarray(2 * d * k + d, 2 * d * (k + 1))));
    return Math.abs(measuredFrequency(times, s, sdot) / omega - 1);
  }

  it("Störmer–Verlet rollouts of a mode oscillate at the integrator's own frequency sin(ω̃Δt/2) = ωΔt/2 (1e-9), both boundaries", () => {
    for (const [wave, mx, my] of [[wave2d({ nx: 6, ny: 5 }), 1, 2], [wave2d({ nx: 6, ny: 5, boundary: 'clamped', c: 2 }), 3, 2]] as const) {
      const omega = wave.modeFrequency(mx, my);
      const dt = 0.4 / omega;
      const y0 = new Float64Array(2 * wave.dof);
      wave.mode(mx, my, y0.subarray(0, wave.dof), y0.subarray(wave.dof), { phase: 0.3 });
      const r = verletRollout(wave, y0, { dt, steps: 400, every: 1 });
      const project = projector(wave, mx, my);
      const s = Float64Array.from(r.times, (_, k) => project(r.states.subarray(2 * wave.dof * k, 2 * wave.dof * k + wave.dof)));
      // The Verlet recurrence s(n+1) + s(n−1) = 2 cos(ω̃Δt) s(n), fitted by least squares.
      let [num, den] = [0, 0];
      for (let k = 1; k + 1 < s.length; k++) [num, den] = [num + (s[k + 1]! + s[k - 1]!) * s[k]!, den + 2 * s[k]! ** 2];
      const measured = Math.acos(num / den) / dt;
      expect(Math.abs(measured / ((2 / dt) * Math.asin((omega * dt) / 2)) - 1)).toBeLessThan(1e-9);
      expect(Math.abs(measured / omega - 1)).toBeGreaterThan(1e-3); // …which is not ω: the check sees the difference
    }
  });

  it('smoothRandomField: seeded; max |φ| = amplitude; only the low modes (no mean, nothing above `modes`)', () => {
    for (const wave of [wave2d({ nx: 12, ny: 10 }), wave2d({ nx: 12, ny: 10, boundary: 'clamped' })]) {
      const draw = (seed: number) => {
        const [q, v] = [new Float64Array(wave.dof), new Float64Array(wave.dof)];
        wave.smoothRandomField(createRandom(seed), q, v, { modes: 2, amplitude: 0.3 });
        return { q, v };
      };
      const [a, b, c] = [draw(1), draw(1), draw(2)];
      expect(Array.from(a.q)).toEqual(Array.from(b.q));
      expect(Array.from(a.v)).toEqual(Array.from(b.v));
      expect(Array.from(a.q)).not.toEqual(Array.from(c.q));
      expectRelative([a.q.reduce((m, x) => Math.max(m, Math.abs(x)), 0)], [0.3], 1e-15, 'peak');
      const norm = Math.sqrt(a.q.reduce((s, x) => s + x * x, 0));
      const low = wave.boundary === 'periodic' ? [1, 1] : [2, 2];
      const high = wave.boundary === 'periodic' ? [3, 1] : [3, 2];
      expect(Math.abs(projector(wave, low[0]!, low[1]!)(a.q)) / norm).toBeGreaterThan(1e-3);
      expect(Math.abs(projector(wave, high[0]!, high[1]!)(a.q)) / norm).toBeLessThan(1e-14);
      if (wave.boundary === 'periodic') expect(Math.abs(a.q.reduce((s, x) => s + x, 0)) / norm).toBeLessThan(1e-14);
    }
  });

  it('rejects bad parameters and modes by name', () => {
    expect(() => wave2d({ boundary: 'open' as never })).toThrow(`wave2d: boundary must be 'periodic' or 'clamped', received "open".`);
    expect(() => wave2d({ nx: 2 })).toThrow('wave2d: nx (periodic grid) must be an integer ≥ 3, received 2.');
    expect(() => wave2d({ nx: 4, ny: 0, boundary: 'clamped' })).toThrow('wave2d: ny (clamped grid) must be an integer ≥ 1, received 0.');
    expect(() => wave2d({ spacing: 0 })).toThrow('wave2d: spacing must be a finite number > 0, received 0.');
    expect(() => wave2d({ c: -1 })).toThrow('wave2d: c must be a finite number > 0, received -1.');
    expect(() => wave2d({ nx: 5000, ny: 5000 })).toThrow('wave2d: nx × ny must be at most 10,000,000 nodes, received 5000 × 5000 = 25000000.');
    const clamped = wave2d({ nx: 4, ny: 3, boundary: 'clamped' });
    expect(() => clamped.modeFrequency(0, 1)).toThrow('wave2d.mode: mx must be an integer in [1, 4] (a sine mode of the clamped grid), received 0.');
    expect(() => wave2d().mode(1.5, 0, new Float64Array(1024), new Float64Array(1024))).toThrow('wave2d.mode: mx must be an integer, received 1.5.');
    expect(() => clamped.smoothRandomField(createRandom(0), new Float64Array(12), new Float64Array(12), { modes: 0 })).toThrow('wave2d.smoothRandomField: modes must be an integer ≥ 1, received 0.');
  });
});
