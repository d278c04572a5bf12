import * as tf from '@tensorflow/tfjs-core';
import { jets, lu, Mlp, SMOOTH_ACTIVATIONS, type Jet, type SmoothActivation, type Solver } from '@lnn/autodiff';
import { checkStates, eulerLagrange, lagrangianEnergy, toSolver, type DynamicsModel, type Lagrangian, type SolverConfig } from '@lnn/lagrangian';
import type { ModelKind } from '@lnn/lagrangian';
import { checkActivation, checkBase, type BaseConfig } from './internal/config';

/** Configuration of {@link Delan}; JSON-able. */
export interface DelanConfig extends BaseConfig {
  /** @default 'softplus' */
  readonly activation?: SmoothActivation;
  /**
   * ε in `M = L_c L_cᵀ + ε I`: a floor under M's eigenvalues that survives float32 rounding (the
   * product `L_c L_cᵀ` alone, SPD in exact arithmetic, can come out slightly indefinite when a
   * softplus diagonal entry is tiny). @default 1e-3
   */
  readonly massShift?: number;
  /**
   * How `H_vv = M(q)` is inverted: a solver value (or its JSON; the deprecated
   * `{ inverse, damping, rcond }` is still read). M is symmetric positive definite by construction,
   * so LU needs no pseudoinverse. @default lu()
   */
  readonly solver?: SolverConfig;
}

/** DeLaN's hidden widths by default (the DeLaN paper's two layers of 128). */
const DELAN_DEFAULT_HIDDEN = [128, 128] as const;

/**
 * Deep Lagrangian Networks: `L = ½ q̇ᵀ M(q) q̇ − V(q)` with `M = L_c L_cᵀ + ε I`, `L_c` lower
 * triangular with a positive (softplus) diagonal, so M is symmetric positive definite at every q —
 * with eigenvalues ≥ ε, which float32 rounding cannot undo.
 * One network of q (and the extra inputs) gives the `d(d+1)/2` Cholesky entries and V. Its
 * accelerations come from the same Euler–Lagrange solver as the LNN's (the jet path: `H_vv` is
 * exactly M); what it cannot represent is a kinetic energy that is not quadratic in q̇.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend } from '@lnn/autodiff';
 * import { Delan } from '@lnn/baselines';
 * await initBackend();
 * const delan = new Delan({ dof: 2, hidden: [32, 32] });
 * const q = tf.tensor2d([[0.3, -0.2], [1, 2], [0, 0]]);
 * const m = delan.massMatrix(q); // [B, 2, 2], SPD
 * console.log(m.shape); // [3, 2, 2]
 */
export class Delan implements DynamicsModel {
  readonly kind = 'delan';
  readonly dof: number;
  readonly extraDim: number;
  readonly config: Required<BaseConfig> & { readonly activation: SmoothActivation; readonly massShift: number; readonly solver: Solver };
  readonly variables: readonly tf.Variable[];
  /** L as a jet function of `[q, q̇]`. */
  readonly lagrangian: Lagrangian;
  private readonly mlp: Mlp;
  /** Constant 0/1 matrices: Cholesky entries → flat `d×d` factor; q̇ᵢ → every (i, j); Σᵢ over (i, j) → j. */
  private readonly scatter: tf.Tensor2D;
  private readonly spread: tf.Tensor2D;
  private readonly gather: tf.Tensor2D;

  constructor(config: DelanConfig) {
    const where = 'Delan';
    const base = checkBase(where, config, DELAN_DEFAULT_HIDDEN);
    const activation = checkActivation(where, config.activation ?? 'softplus', SMOOTH_ACTIVATIONS);
    const { massShift = 1e-3 } = config;
    if (!(massShift >= 0 && Number.isFinite(massShift))) throw new TypeError(`${where}: config.massShift must be a finite number ≥ 0, received ${String(massShift)}.`);
    const solver = toSolver(`${where}: config.solver`, config.solver, lu);
    this.config = { ...base, activation, massShift, solver };
    const d = base.dof;
    this.dof = d;
    this.extraDim = base.extraDim;
    const entries = (d * (d + 1)) / 2;
    this.mlp = new Mlp({ where, inputs: d, hidden: base.hidden, outputs: entries + 1, activation, initialisation: 'glorot', seed: base.seed, extraDim: base.extraDim });
    this.variables = this.mlp.variables;

    // Entry k of [diagonal…, strictly lower (row-major)…] sits at flat index i·d + j.
    const positions: number[] = [...Array.from({ length: d }, (_, i) => i * d + i)];
    for (let i = 1; i < d; i++) for (let j = 0; j < i; j++) positions.push(i * d + j);
    const scatter = new Float32Array(entries * d * d);
    positions.forEach((flat, k) => (scatter[k * d * d + flat] = 1));
    const spread = new Float32Array(d * d * d);
    const gather = new Float32Array(d * d * d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        spread[i * d * d + i * d + j] = 1;
        gather[(i * d + j) * d + j] = 1;
      }
    }
    this.scatter = tf.tensor2d(scatter, [entries, d * d]);
    this.spread = tf.tensor2d(spread, [d, d * d]);
    this.gather = tf.tensor2d(gather, [d * d, d]);
    this.lagrangian = { dof: d, jet: (x, extra) => this.lagrangianJet(x, extra) };
  }

  private lagrangianJet(x: Jet, extra: tf.Tensor2D | undefined): Jet {
    const d = this.dof;
    const out = this.mlp.applyJet(jets.slice(x, 0, d), extra);
    const diagonal = jets.softplus(jets.slice(out, 0, d));
    const entries = d > 1 ? jets.concat([diagonal, jets.slice(out, d, (d * (d - 1)) / 2)]) : diagonal;
    const factor = jets.dense(entries, this.scatter); // L_c, flat (i, j)
    const products = jets.mul(factor, jets.dense(jets.slice(x, d, d), this.spread)); // L_c[i, j] q̇ᵢ
    const u = jets.dense(products, this.gather); // L_cᵀ q̇
    const velocity = jets.slice(x, d, d);
    const kinetic = jets.scale(jets.add(jets.sum(jets.square(u)), jets.scale(jets.sum(jets.square(velocity)), this.config.massShift)), 0.5);
    return jets.sub(kinetic, jets.slice(out, (d * (d + 1)) / 2, 1));
  }

  /** `M(q) = L_c L_cᵀ + ε I`, `[B, d, d]`. */
  massMatrix(q: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor3D {
    checkStates('Delan.massMatrix', this.dof, q, q, extra);
    const d = this.dof;
    return tf.tidy(() => {
      const out = this.mlp.apply(q, extra);
      const diagonal = tf.softplus(tf.slice(out, [0, 0], [-1, d]));
      const entries = d > 1 ? tf.concat([diagonal, tf.slice(out, [0, d], [-1, (d * (d - 1)) / 2])], 1) : diagonal;
      const factor = tf.reshape(tf.matMul(entries as tf.Tensor2D, this.scatter), [-1, d, d]);
      return tf.add(tf.matMul(factor, tf.transpose(factor, [0, 2, 1])), tf.mul(tf.eye(d), this.config.massShift)) as tf.Tensor3D;
    });
  }

  /** `V(q)`, `[B]`. */
  potential(q: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor1D {
    checkStates('Delan.potential', this.dof, q, q, extra);
    const entries = (this.dof * (this.dof + 1)) / 2;
    return tf.tidy(() => tf.reshape(tf.slice(this.mlp.apply(q, extra), [0, entries], [-1, 1]), [-1]) as tf.Tensor1D);
  }

  accelerations(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor2D {
    return eulerLagrange(this.lagrangian, q, qdot, { solver: this.config.solver, ...(extra === undefined ? {} : { extra }) });
  }

  /** `½ q̇ᵀ M q̇ + V`. */
  energy(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor1D {
    return lagrangianEnergy(this.lagrangian, q, qdot, extra);
  }

  dispose(): void {
    this.mlp.dispose();
    tf.dispose([this.scatter, this.spread, this.gather]);
  }
}

/**
 * The kind `loadModel` builds a {@link Delan} with (in `baselineKinds` too).
 *
 * @example
 * import { delanKind } from '@lnn/baselines';
 * console.log(delanKind.kind); // delan — load with loadModel(dir, { kinds: [delanKind] })
 */
export const delanKind: ModelKind = Object.freeze({ kind: 'delan', build: (config: Readonly<Record<string, unknown>>) => new Delan(config as unknown as DelanConfig) });
