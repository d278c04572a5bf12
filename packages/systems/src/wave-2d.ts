import { integerAtLeast, positive } from './internal/check';
import { gridGraph } from './internal/grid-graph';
import { gridKinetic, gridLaplacian, gridPotential } from './internal/grid-laplacian';
import type { Random } from './random';
import type { GraphSystem, SystemGraph } from './system-graph';

/** Parameters of {@link wave2d}. */
export interface Wave2dParameters {
  /** Nodes along x (columns): ≥ 3 periodic, ≥ 1 clamped. @default 32 */
  readonly nx?: number;
  /** Nodes along y (rows). @default nx */
  readonly ny?: number;
  /** Wave speed c. @default 1 */
  readonly c?: number;
  /**
   * Grid spacing h, the same along x and y. @default 1 (lattice units: the same h on every grid,
   * so that a density learned on a small grid applies unchanged to a large one)
   */
  readonly spacing?: number;
  /**
   * `'periodic'`: a torus. `'clamped'`: the grid is surrounded by ghost nodes held at φ = 0 (one
   * spacing outside it), each boundary node keeping its 4 edges. @default 'periodic'
   */
  readonly boundary?: 'periodic' | 'clamped';
}

/** The discrete 2D wave equation on an nx × ny grid, with its modes and initial fields. */
export interface Wave2d extends GraphSystem {
  readonly nx: number;
  readonly ny: number;
  readonly c: number;
  readonly spacing: number;
  readonly boundary: 'periodic' | 'clamped';
  /** `[nodes, 4]`: node i's (left, right, up, down) neighbours, −1 for a clamped ghost node (φ = 0). */
  readonly stencil: Int32Array;
  /** The highest mode frequency ω_max of the grid; `maxStableStep = 2/ω_max`. */
  readonly maxFrequency: number;
  /** The Störmer–Verlet stability limit 2/ω_max. */
  readonly maxStableStep: number;
  /**
   * The exact dispersion relation of the discrete system: ω(kx, ky) with
   * `ω² = (4c²/h²)(sin²(kx h/2) + sin²(ky h/2))`.
   */
  frequency(kx: number, ky: number): number;
  /**
   * The wavevector of mode (mx, my): periodic `k = 2π m/(n h)` (any integers), clamped
   * `k = π m/((n + 1) h)` with 1 ≤ mx ≤ nx, 1 ≤ my ≤ ny (sine modes).
   */
  modeWavevector(mx: number, my: number): [number, number];
  /** ω of mode (mx, my): `frequency(...modeWavevector(mx, my))`. */
  modeFrequency(mx: number, my: number): number;
  /**
   * The exact solution of one mode at t = 0, into q, v. Periodic: the travelling plane wave
   * `φ = A cos(kx x + ky y − ωt + phase)`; clamped: the standing sine mode
   * `φ = A sin(kx x) sin(ky y) cos(ωt + phase)`. Node (ix, iy) sits at (ix h, iy h) on the
   * periodic grid and at ((ix + 1) h, (iy + 1) h) on the clamped one (ghosts at 0 and (n + 1) h).
   */
  mode(mx: number, my: number, q: Float64Array, v: Float64Array, options?: { amplitude?: number; phase?: number }): void;
  /**
   * A smooth random field, an exact superposition of the low modes: periodic, every (mx, my) with
   * |mx|, |my| ≤ `modes` (within the grid's range, not both 0) as a travelling plane wave; clamped,
   * the sine modes 1 ≤ mx, my ≤ `modes`. Amplitudes normal / (mx² + my²) (periodic: / (1 + mx² + my²)),
   * phases uniform; then q and v scaled together so that max |φ| = `amplitude`.
   */
  smoothRandomField(rng: Random, q: Float64Array, v: Float64Array, options?: { modes?: number; amplitude?: number }): void;
}

/**
 * The wave equation `φ̈ = c² ∇²φ` on an nx × ny grid of spacing h, discretised with the 5-point
 * Laplacian as a Lagrangian field system of unit node masses:
 * `L = Σᵢ ½ φ̇ᵢ² − ½ c² Σ_edges ((φᵢ − φⱼ)/h)²`, edges between 4-neighbours (and, when clamped,
 * to the ghost nodes at φ = 0 around the grid), so `φ̈ᵢ = (c²/h²)(φ_left + φ_right + φ_up + φ_down − 4φᵢ)`.
 * Node (ix, iy) is coordinate `iy·nx + ix` (as `periodicGridGraph(ny, nx)` of @lnn/graph-lagrangian).
 * Accelerations, energy and the gradient are O(n); `lagrangianHessian` fills dense n×n blocks
 * (small grids only).
 *
 * @example
 * import { wave2d } from '@lnn/systems';
 * const wave = wave2d({ nx: 64, ny: 64, boundary: 'periodic' });
 * const [q, v, qdd] = [new Float64Array(wave.dof), new Float64Array(wave.dof), new Float64Array(wave.dof)];
 * wave.mode(2, 1, q, v); // a plane wave of ω = wave.modeFrequency(2, 1)
 * wave.acceleration(q, v, qdd);
 * console.log(qdd[0], -(wave.modeFrequency(2, 1) ** 2) * q[0]!); // equal, ≈ −0.0481: φ̈ = −ω²φ
 */
export function wave2d(parameters: Wave2dParameters = {}): Wave2d {
  const where = 'wave2d';
  const boundary = parameters.boundary ?? 'periodic';
  if (boundary !== 'periodic' && boundary !== 'clamped') {
    throw new TypeError(`${where}: boundary must be 'periodic' or 'clamped', received ${JSON.stringify(boundary) ?? String(boundary)}.`);
  }
  const periodic = boundary === 'periodic';
  const least = periodic ? 3 : 1;
  const nx = integerAtLeast(where, `nx (${boundary} grid)`, parameters.nx ?? 32, least);
  const ny = integerAtLeast(where, `ny (${boundary} grid)`, parameters.ny ?? nx, least);
  if (nx * ny > 10_000_000) throw new RangeError(`${where}: nx × ny must be at most 10,000,000 nodes, received ${nx} × ${ny} = ${nx * ny}.`);
  const c = positive(where, 'c', parameters.c ?? 1);
  const h = positive(where, 'spacing', parameters.spacing ?? 1);
  const n = nx * ny;
  const s = (c * c) / (h * h);
  const frequency = (kx: number, ky: number) => (2 * c * Math.hypot(Math.sin((kx * h) / 2), Math.sin((ky * h) / 2))) / h;
  const modeWavevector = (mx: number, my: number): [number, number] => {
    const check = (name: string, m: number, size: number) => {
      if (!Number.isInteger(m) || (!periodic && (m < 1 || m > size))) {
        throw new RangeError(`wave2d.mode: ${name} must be ${periodic ? 'an integer' : `an integer in [1, ${size}] (a sine mode of the clamped grid)`}, received ${String(m)}.`);
      }
    };
    check('mx', mx, nx);
    check('my', my, ny);
    return periodic ? [(2 * Math.PI * mx) / (nx * h), (2 * Math.PI * my) / (ny * h)] : [(Math.PI * mx) / ((nx + 1) * h), (Math.PI * my) / ((ny + 1) * h)];
  };
  const modeFrequency = (mx: number, my: number) => frequency(...modeWavevector(mx, my));
  const maxFrequency = periodic ? modeFrequency(Math.floor(nx / 2), Math.floor(ny / 2)) : modeFrequency(nx, ny);
  const offset = periodic ? 0 : 1;
  // Adds a·cos(kx x + ky y + θ) (periodic) or a·sin(kx x) sin(ky y) (clamped) to `out`.
  const addMode = (out: Float64Array, a: number, kx: number, ky: number, theta: number) => {
    for (let iy = 0; iy < ny; iy++) {
      const y = (iy + offset) * h;
      for (let ix = 0; ix < nx; ix++) {
        const x = (ix + offset) * h;
        const i = iy * nx + ix;
        out[i] = (out[i] as number) + a * (periodic ? Math.cos(kx * x + ky * y + theta) : Math.sin(kx * x) * Math.sin(ky * y));
      }
    }
  };
  let built: { graph: SystemGraph; stencil: Int32Array } | undefined;
  const grid = () => (built ??= gridGraph(nx, ny, h, periodic));
  return {
    name: 'wave-2d',
    dof: n,
    get coordinates() {
      return Array.from({ length: n }, (_, i) => `phi${i % nx}_${Math.floor(i / nx)}`);
    },
    parameters: { nx, ny, c, spacing: h, clamped: periodic ? 0 : 1 },
    nx,
    ny,
    c,
    spacing: h,
    boundary,
    get graph() {
      return grid().graph;
    },
    get stencil() {
      return grid().stencil;
    },
    maxFrequency,
    maxStableStep: 2 / maxFrequency,
    lagrangian: (q, v) => gridKinetic(v) - s * gridPotential(nx, ny, periodic, q),
    energy: (q, v) => gridKinetic(v) + s * gridPotential(nx, ny, periodic, q),
    acceleration: (q, _v, out) => gridLaplacian(nx, ny, periodic, s, q, out),
    lagrangianGradient(q, v, dq, dv) {
      gridLaplacian(nx, ny, periodic, s, q, dq);
      for (let i = 0; i < n; i++) dv[i] = v[i] as number;
    },
    lagrangianHessian(_q, _v, hqq, hqv, hvv) {
      hqq.fill(0);
      hqv.fill(0);
      hvv.fill(0);
      const st = grid().stencil;
      for (let i = 0; i < n; i++) {
        hqq[i * n + i] = -4 * s;
        hvv[i * n + i] = 1;
        for (let a = 0; a < 4; a++) {
          const j = st[4 * i + a] as number;
          if (j >= 0) hqq[i * n + j] = (hqq[i * n + j] as number) + s;
        }
      }
    },
    frequency,
    modeWavevector,
    modeFrequency,
    mode(mx, my, q, v, options = {}) {
      const [kx, ky] = modeWavevector(mx, my);
      const omega = frequency(kx, ky);
      const { amplitude = 1, phase = 0 } = options;
      q.fill(0);
      v.fill(0);
      if (periodic) {
        addMode(q, amplitude, kx, ky, phase);
        addMode(v, amplitude * omega, kx, ky, phase - Math.PI / 2); // ∂/∂t cos(k·x − ωt + θ) = ω sin(k·x − ωt + θ)
      } else {
        addMode(q, amplitude * Math.cos(phase), kx, ky, 0);
        addMode(v, -amplitude * omega * Math.sin(phase), kx, ky, 0);
      }
    },
    smoothRandomField(rng, q, v, options = {}) {
      const modes = integerAtLeast('wave2d.smoothRandomField', 'modes', options.modes ?? 3, 1);
      const amplitude = positive('wave2d.smoothRandomField', 'amplitude', options.amplitude ?? 1);
      q.fill(0);
      v.fill(0);
      // Periodic: |m| ≤ (n − 1)/2 keeps every mode distinct (no aliasing of ±m at the Nyquist mode).
      const [mxMax, myMax] = periodic ? [Math.min(modes, Math.floor((nx - 1) / 2)), Math.min(modes, Math.floor((ny - 1) / 2))] : [Math.min(modes, nx), Math.min(modes, ny)];
      for (let my = periodic ? -myMax : 1; my <= myMax; my++) {
        for (let mx = periodic ? -mxMax : 1; mx <= mxMax; mx++) {
          if (mx === 0 && my === 0) continue;
          const a = rng.normal() / ((periodic ? 1 : 0) + mx * mx + my * my);
          const theta = rng.uniform(0, 2 * Math.PI);
          const [kx, ky] = modeWavevector(mx, my);
          const omega = frequency(kx, ky);
          if (periodic) {
            addMode(q, a, kx, ky, theta);
            addMode(v, a * omega, kx, ky, theta - Math.PI / 2);
          } else {
            addMode(q, a * Math.cos(theta), kx, ky, 0);
            addMode(v, -a * omega * Math.sin(theta), kx, ky, 0);
          }
        }
      }
      let peak = 0;
      for (let i = 0; i < n; i++) peak = Math.max(peak, Math.abs(q[i] as number));
      const scale = peak > 0 ? amplitude / peak : 0;
      for (let i = 0; i < n; i++) {
        q[i] = (q[i] as number) * scale;
        v[i] = (v[i] as number) * scale;
      }
    },
  };
}
