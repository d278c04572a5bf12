import * as tf from '@tensorflow/tfjs-core';
import { hessian, jetDirectional, jetHessian, symmetricEigenvalues, valueAndGrad, type Solver } from '@lnn/autodiff';
import type { Lagrangian } from './lagrangian';
import { hasLegacySolverFields, solverFromLegacy, toSolver, type LegacySolverOptions } from './solver-option';

/** Options of {@link eulerLagrange}. */
export interface EulerLagrangeOptions extends LegacySolverOptions {
  /**
   * How `H_vv` is inverted: `pinv()` — the pseudoinverse, the paper's choice (a singular `H_vv`
   * gives the minimum-norm q̈); `damped({ epsilon })` — `(H_vv + εI)⁻¹`, biased by ε but defined
   * whenever H_vv ⪰ 0; `lu()` — throws a `LinalgError` on a singular `H_vv`; `cholesky()` — for
   * an `H_vv` known to be positive definite. (The deprecated `inverse`, `damping` and `rcond`
   * fields are still read, and may not be combined with `solver`.)
   * @default pinv()
   */
  readonly solver?: Solver;
  /**
   * A non-conservative generalised force `F` (`[B, d]`) added to the right-hand side:
   * `q̈ = H_vv⁻¹ (∇_q L − H_vq q̇ + F)` — the Lagrange–d'Alembert equation, with
   * `F = −∇_q̇ D + Q` for a dissipation function D and generalised forces Q (see
   * `DissipativeLagrangian`). Differentiable like the rest. @default none (F = 0)
   */
  readonly force?: tf.Tensor2D;
}

/** Everything the Euler–Lagrange equation needs at a batch of states. */
export interface Derivatives {
  readonly value: tf.Tensor1D;
  /** ∇_q L, `[B, d]` */
  readonly gradQ: tf.Tensor2D;
  /** ∇_q̇ L — the canonical momentum, `[B, d]` */
  readonly gradV: tf.Tensor2D;
  /** ∂²L/∂q̇², `[B, d, d]` */
  readonly hvv: tf.Tensor3D;
  /** ∂²L/∂q̇∂q, `[B, d, d]` (row: q̇ᵢ, column: qⱼ) */
  readonly hvq: tf.Tensor3D;
}

/** Checks q, q̇ (and extra) shapes and values; returns B. */
export function checkStates(where: string, dof: number, q: tf.Tensor, qdot: tf.Tensor, extra?: tf.Tensor): number {
  const shape = (t: tf.Tensor) => `[${t.shape.join(', ')}]`;
  for (const [name, t] of [['q', q], ['qdot', qdot]] as const) {
    if (t == null || typeof (t as tf.Tensor).rank !== 'number') throw new TypeError(`${where}: ${name} must be a tf.Tensor of shape [batch, ${dof}], received ${String(t)}.`);
    if (t.rank !== 2 || t.shape[1] !== dof || t.shape[0] === 0) throw new TypeError(`${where}: ${name} must have shape [batch, ${dof}], received ${shape(t)}.`);
  }
  const batch = q.shape[0] as number;
  if (qdot.shape[0] !== batch) throw new TypeError(`${where}: q and qdot must have the same batch, received ${shape(q)} and ${shape(qdot)}.`);
  if (extra !== undefined && (extra.rank !== 2 || extra.shape[0] !== batch)) {
    throw new TypeError(`${where}: extra must have shape [${batch}, p], received ${shape(extra)}.`);
  }
  return batch;
}

/**
 * Value, gradient and Hessian blocks of L at `[q, q̇]`, by the jet path or the general path. A
 * building block on hot paths (training steps, rollout stages): it does not read its results back
 * to check them, so non-finite q, q̇ or a Lagrangian that overflows float32 give non-finite
 * entries — the solves that use them (`eulerLagrange`) report those as a `LinalgError`.
 */
export function lagrangianDerivatives(lagrangian: Lagrangian, q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): Derivatives {
  const d = lagrangian.dof;
  const batch = checkStates('lagrangianDerivatives', d, q, qdot, extra);
  return tf.tidy(() => {
    const x = tf.concat([q, qdot], 1) as tf.Tensor2D;
    let value: tf.Tensor1D;
    let gradient: tf.Tensor2D;
    let full: tf.Tensor3D;
    if ('jet' in lagrangian) {
      ({ value, gradient, hessian: full } = jetHessian((j) => lagrangian.jet(j, extra), { checkFinite: false })(x));
    } else {
      const f = (z: tf.Tensor2D) => lagrangian.tensor(z, extra);
      ({ value, grad: gradient } = valueAndGrad(f, { checkFinite: false })(x));
      full = hessian(f, { checkFinite: false })(x);
    }
    return {
      value,
      gradQ: tf.slice(gradient, [0, 0], [batch, d]) as tf.Tensor2D,
      gradV: tf.slice(gradient, [0, d], [batch, d]) as tf.Tensor2D,
      hvv: tf.slice(full, [0, d, d], [batch, d, d]) as tf.Tensor3D,
      hvq: tf.slice(full, [0, d, 0], [batch, d, d]) as tf.Tensor3D,
    };
  });
}

/**
 * The Euler–Lagrange system at a batch: `H_vv` and the right-hand side `∇_q L − H_vq q̇`. Jet
 * Lagrangians carry only d + 1 tangent directions — the velocity unit vectors and (q̇, 0) — which
 * give `H_vv` and the product `H_vq q̇` directly (`S H Sᵀ`), and the adjoint gives `∇_q L`.
 */
function eulerLagrangeSystem(lagrangian: Lagrangian, q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): { hvv: tf.Tensor3D; rhs: tf.Tensor2D } {
  if (!('jet' in lagrangian)) {
    const { value, gradQ, hvv, hvq } = lagrangianDerivatives(lagrangian, q, qdot, extra);
    value.dispose(); // kept by valueAndGrad (tf.keep), so the caller's tidy would not free it
    return { hvv, rhs: tf.sub(gradQ, tf.squeeze(tf.matMul(hvq, tf.expandDims(qdot, 2)), [2])) as tf.Tensor2D };
  }
  const d = lagrangian.dof;
  const batch = checkStates('eulerLagrange', d, q, qdot, extra);
  const x = tf.concat([q, qdot], 1) as tf.Tensor2D;
  // Directions [B, d+1, 2d]: the velocity axes (a constant, uploaded once per call) and (q̇, 0).
  const axes = new Float32Array(batch * d * 2 * d);
  for (let b = 0; b < batch; b++) for (let i = 0; i < d; i++) axes[(b * d + i) * 2 * d + d + i] = 1;
  const alongQdot = tf.reshape(tf.pad(qdot, [[0, 0], [0, d]]), [batch, 1, 2 * d]);
  const directions = tf.concat([tf.tensor3d(axes, [batch, d, 2 * d]), alongQdot], 1) as tf.Tensor3D;
  const { gradient, hessian: projected } = jetDirectional((j) => lagrangian.jet(j, extra), { checkFinite: false })(x, directions);
  const hvv = tf.slice(projected, [0, 0, 0], [batch, d, d]) as tf.Tensor3D;
  const hvqQdot = tf.reshape(tf.slice(projected, [0, 0, d], [batch, d, 1]), [batch, d]);
  return { hvv, rhs: tf.sub(tf.slice(gradient, [0, 0], [batch, d]), hvqQdot) as tf.Tensor2D };
}

/**
 * Accelerations from a Lagrangian by the Euler–Lagrange equation,
 * `q̈ = H_vv⁻¹ (∇_q L − H_vq q̇)`, for a batch (`[B, d]` each). Differentiable with respect to
 * anything L depends on (its weights), for training.
 *
 * @throws {TypeError} on wrong shapes; {@link LinalgError} from the solver on non-finite
 *   derivatives (and, with `lu()` or `cholesky()`, on a singular or indefinite H_vv).
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { damped, initBackend } from '@lnn/autodiff';
 * import { eulerLagrange, type Lagrangian } from '@lnn/lagrangian';
 * await initBackend();
 * // the harmonic oscillator L = ½ q̇² − ½ q², on tensors: x = [q, q̇]
 * const oscillator: Lagrangian = {
 *   dof: 1,
 *   tensor: (x) => tf.reshape(tf.mul(0.5, tf.sub(tf.square(tf.slice(x, [0, 1], [-1, 1])), tf.square(tf.slice(x, [0, 0], [-1, 1])))), [-1]) as tf.Tensor1D,
 * };
 * const q = tf.tensor2d([[0.5], [1]]);
 * const qdot = tf.tensor2d([[0], [2]]);
 * const qdd = eulerLagrange(oscillator, q, qdot); // pinv(), as the paper
 * console.log(qdd.arraySync()); // ≈ [[−0.5], [−1]]: q̈ = −q
 * const biased = eulerLagrange(oscillator, q, qdot, { solver: damped({ epsilon: 1e-4 }) });
 * console.log(biased.arraySync()); // ≈ [[−0.49995], [−0.9999]]: (H_vv + ε)⁻¹ with H_vv = 1
 */
export function eulerLagrange(lagrangian: Lagrangian, q: tf.Tensor2D, qdot: tf.Tensor2D, options: EulerLagrangeOptions & { extra?: tf.Tensor2D } = {}): tf.Tensor2D {
  return tf.tidy(() => {
    const { accelerations, hvv } = eulerLagrangeWithHessian(lagrangian, q, qdot, options);
    hvv.dispose();
    return accelerations;
  });
}

/**
 * {@link eulerLagrange}'s accelerations together with the velocity Hessian `H_vv` they were
 * solved with, from the same evaluation (`[B, d]`, `[B, d, d]`; both differentiable).
 */
export function eulerLagrangeWithHessian(
  lagrangian: Lagrangian,
  q: tf.Tensor2D,
  qdot: tf.Tensor2D,
  options: EulerLagrangeOptions & { extra?: tf.Tensor2D } = {},
): { accelerations: tf.Tensor2D; hvv: tf.Tensor3D } {
  const solver = solverOf(options);
  const { force } = options;
  if (force !== undefined && (typeof (force as tf.Tensor)?.rank !== 'number' || force.rank !== 2 || force.shape[0] !== q.shape[0] || force.shape[1] !== lagrangian.dof)) {
    const received = typeof (force as tf.Tensor)?.rank === 'number' ? `[${force.shape.join(', ')}]` : String(force);
    throw new TypeError(`eulerLagrange: options.force must be a tf.Tensor of shape [${q?.shape?.[0]}, ${lagrangian.dof}] (one generalised force per state), received ${received}.`);
  }
  return tf.tidy(() => {
    const { hvv, rhs } = eulerLagrangeSystem(lagrangian, q, qdot, options.extra);
    return { accelerations: solver.solve(hvv, force === undefined ? rhs : tf.add(rhs, force)) as tf.Tensor2D, hvv };
  });
}

/** The solver of {@link eulerLagrange}'s options: `solver`, the deprecated fields mapped, or the default. */
function solverOf(options: EulerLagrangeOptions): Solver {
  if (options === null || typeof options !== 'object') throw new TypeError(`eulerLagrange: options must be an object, received ${String(options)}.`);
  if (!hasLegacySolverFields(options)) return toSolver('eulerLagrange: options.solver', options.solver);
  if (options.solver !== undefined) {
    throw new TypeError('eulerLagrange: options.solver and the deprecated options.inverse / damping / rcond were both given; keep only solver (e.g. solver: damped({ epsilon })).');
  }
  return solverFromLegacy('eulerLagrange: options', options);
}

/**
 * Value and gradient of L at `[q, q̇]` only. Jet Lagrangians carry a single tangent direction and
 * read the gradient off the adjoint pass, instead of building the whole Hessian.
 */
function valueAndGradient(lagrangian: Lagrangian, q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): { value: tf.Tensor1D; gradV: tf.Tensor2D } {
  const d = lagrangian.dof;
  const batch = checkStates('lagrangianEnergy', d, q, qdot, extra);
  if (!('jet' in lagrangian)) {
    const { value, gradV } = lagrangianDerivatives(lagrangian, q, qdot, extra);
    return { value, gradV };
  }
  const x = tf.concat([q, qdot], 1) as tf.Tensor2D;
  const direction = tf.reshape(tf.pad(qdot, [[0, 0], [d, 0]]), [batch, 1, 2 * d]) as tf.Tensor3D;
  const { value, gradient } = jetDirectional((j) => lagrangian.jet(j, extra), { checkFinite: false })(x, direction);
  return { value, gradV: tf.slice(gradient, [0, d], [batch, d]) as tf.Tensor2D };
}

/** The energy `E = q̇·∇_q̇L − L` per sample, `[B]`. */
export function lagrangianEnergy(lagrangian: Lagrangian, q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor1D {
  const energy = tf.tidy(() => {
    const { value, gradV } = valueAndGradient(lagrangian, q, qdot, extra);
    return tf.sub(tf.sum(tf.mul(qdot, gradV), 1), value) as tf.Tensor1D;
  });
  return finiteOrThrow('lagrangianEnergy', energy, 1, 'the energy');
}

/** The canonical momentum `p = ∇_q̇L`, `[B, d]`. */
export function canonicalMomentum(lagrangian: Lagrangian, q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor2D {
  return finiteOrThrow('canonicalMomentum', tf.tidy(() => valueAndGradient(lagrangian, q, qdot, extra).gradV), lagrangian.dof, 'the momentum');
}

/**
 * Returns `t` if every entry is finite; else disposes it and throws a RangeError naming the
 * samples (rows of `width`) where it is not — never a silent NaN.
 */
function finiteOrThrow<T extends tf.Tensor>(where: string, t: T, width: number, what: string): T {
  const values = t.dataSync();
  const bad: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i] as number) && bad.at(-1) !== Math.floor(i / width)) bad.push(Math.floor(i / width));
  }
  if (bad.length === 0) return t;
  t.dispose();
  throw new RangeError(`${where}: ${what} is not finite at ${bad.length} sample(s) (first: ${bad.slice(0, 5).join(', ')}); q, q̇ or extra is not finite there, or the Lagrangian overflows float32.`);
}

/** Conditioning of `H_vv` per sample. */
export interface Conditioning {
  /** Eigenvalues of H_vv, ascending, `[B, d]`. */
  readonly eigenvalues: Float32Array;
  /** max|λ| / min|λ| per sample (Infinity when singular). */
  readonly conditionNumber: Float64Array;
  /** Whether H_vv is positive definite (all λ > 0) per sample. */
  readonly positiveDefinite: boolean[];
}

/**
 * A diagnostic of the velocity Hessian: its eigenvalues, condition numbers and definiteness per
 * sample. Large condition numbers are where the Euler–Lagrange solve amplifies errors.
 */
export function conditioning(lagrangian: Lagrangian, q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): Conditioning {
  const hvv = tf.tidy(() => lagrangianDerivatives(lagrangian, q, qdot, extra).hvv);
  const values = symmetricEigenvalues(hvv);
  const eigenvalues = values.dataSync() as Float32Array;
  tf.dispose([hvv, values]);
  const d = lagrangian.dof;
  const batch = eigenvalues.length / d;
  const conditionNumber = new Float64Array(batch);
  const positiveDefinite: boolean[] = [];
  for (let b = 0; b < batch; b++) {
    const row = Array.from(eigenvalues.subarray(b * d, (b + 1) * d));
    const abs = row.map(Math.abs);
    const min = Math.min(...abs);
    conditionNumber[b] = min === 0 ? Number.POSITIVE_INFINITY : Math.max(...abs) / min;
    positiveDefinite.push(row.every((v) => v > 0));
  }
  return { eigenvalues, conditionNumber, positiveDefinite };
}
