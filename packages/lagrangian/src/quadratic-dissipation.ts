import * as tf from '@tensorflow/tfjs-core';
import { angleFeatures, angleFeatureWidth, checkAngles, Mlp, requireBackend, type AngleTransform } from '@lnn/autodiff';
import type { Dissipation } from './dissipation';
import { checkStates } from './euler-lagrange';

/** Configuration of {@link QuadraticDissipation}; JSON-able. */
export interface QuadraticDissipationConfig {
  /** d, the number of coordinates. */
  readonly dof: number;
  /**
   * `true`: K is one learned matrix, the same at every q (`C` a variable); `false`: `C(q)` comes
   * from a small MLP of the coordinates. @default false
   */
  readonly constant?: boolean;
  /** Hidden widths of the MLP giving C(q) (not used when constant). @default [16] */
  readonly hidden?: readonly number[];
  /** Indices of angular coordinates among q (the MLP sees them through `angleTransform`). @default [] */
  readonly angles?: readonly number[];
  /** How angles enter the MLP: `'features'` (cos q, sin q), `'wrap'`, or `'none'`. @default 'features' when angles are given */
  readonly angleTransform?: AngleTransform;
  /** ε ≥ 0 of `K = C Cᵀ + εI`: a floor on the friction in every direction (0: none). @default 0 */
  readonly epsilon?: number;
  /** Initial scale of C's entries (the constant C's, or the MLP's output bias). @default 0.1 */
  readonly initialScale?: number;
  /** Seed of the initialisation. @default 0 */
  readonly seed?: number;
}

/**
 * A learned Rayleigh dissipation function `D(q, q̇) = ½ q̇ᵀ K(q) q̇`, `K = C(q) C(q)ᵀ + εI` with
 * C lower triangular — from a small MLP of q (angles as (cos, sin)) or one learned matrix
 * (`constant: true`). It is computed as `½‖C(q)ᵀq̇‖² + ½ε‖q̇‖²`, a sum of squares, so `D ≥ 0`
 * holds for every weight and every input — in float32 too, where a product `q̇ᵀKq̇` could round
 * below 0 — and `D(q, 0) = 0` exactly; `∇_q̇ D = C(Cᵀq̇) + εq̇`, so the power `−q̇·∇_q̇D = −2D ≤ 0`:
 * the model can only lose energy through it.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend } from '@lnn/autodiff';
 * import { QuadraticDissipation } from '@lnn/lagrangian';
 * await initBackend();
 * const d = new QuadraticDissipation({ dof: 2, angles: [0, 1], hidden: [8] });
 * const q = tf.tensor2d([[0.3, -0.2], [1, 2]]);
 * const D = d.value(q, tf.tensor2d([[1e3, -1e3], [0, 0]]));
 * console.log(D.arraySync()); // [a number ≥ 0, 0]: D ≥ 0, and 0 at rest
 * d.dispose();
 */
export class QuadraticDissipation implements Dissipation {
  readonly dof: number;
  readonly config: Readonly<Required<QuadraticDissipationConfig>>;
  readonly variables: tf.Variable[];
  /** The constant C's lower triangle, or undefined. */
  private readonly entries: tf.Variable | undefined;
  private readonly network: Mlp | undefined;
  /** `[m, d·d]`: places the m = d(d+1)/2 lower-triangular entries into a row-major d×d matrix. */
  private readonly placement: tf.Tensor2D;

  constructor(config: QuadraticDissipationConfig) {
    const where = 'QuadraticDissipation';
    requireBackend(where);
    const { dof, constant = false, hidden = [16], angles = [], epsilon = 0, initialScale = 0.1, seed = 0 } = config ?? ({} as QuadraticDissipationConfig);
    const angleTransform = config?.angleTransform ?? (angles.length > 0 ? 'features' : 'none');
    if (!Number.isInteger(dof) || dof < 1) throw new TypeError(`${where}: config.dof must be a positive integer, received ${String(dof)}.`);
    if (typeof constant !== 'boolean') throw new TypeError(`${where}: config.constant must be true or false, received ${String(constant)}.`);
    if (!Array.isArray(hidden) || hidden.length === 0 || !hidden.every((w) => Number.isInteger(w) && w > 0)) {
      throw new TypeError(`${where}: config.hidden must be a non-empty array of positive integers, received ${JSON.stringify(hidden)}.`);
    }
    if (!(Number.isFinite(epsilon) && epsilon >= 0)) throw new RangeError(`${where}: config.epsilon must be a finite number ≥ 0, received ${String(epsilon)}.`);
    if (!(Number.isFinite(initialScale) && initialScale >= 0)) throw new RangeError(`${where}: config.initialScale must be a finite number ≥ 0, received ${String(initialScale)}.`);
    if (!Number.isFinite(seed)) throw new TypeError(`${where}: config.seed must be a finite number, received ${String(seed)}.`);
    checkAngles(where, dof, angles, angleTransform);
    this.dof = dof;
    this.config = { dof, constant, hidden: [...hidden], angles: [...angles], angleTransform, epsilon, initialScale, seed };
    const m = (dof * (dof + 1)) / 2;
    const placement = new Float32Array(m * dof * dof);
    const diagonal = new Float32Array(m);
    let k = 0;
    for (let i = 0; i < dof; i++) {
      for (let j = 0; j <= i; j++, k++) {
        placement[k * dof * dof + i * dof + j] = 1;
        if (i === j) diagonal[k] = initialScale;
      }
    }
    this.placement = tf.tensor2d(placement, [m, dof * dof]);
    if (constant) {
      // C starts as initialScale · I: a small isotropic friction, K = initialScale² I.
      this.entries = tf.variable(tf.tensor1d(diagonal), true);
      this.variables = [this.entries];
    } else {
      this.network = new Mlp({ where, inputs: angleFeatureWidth(dof, angles, angleTransform), hidden, outputs: m, activation: 'softplus', initialisation: 'glorot', seed });
      // C(q) starts near initialScale · I as well: the output bias is that, the output weights
      // (the q-dependent part) are scaled down by initialScale.
      const [last, bias] = [this.network.weights.at(-1) as tf.Variable, this.network.biases.at(-1) as tf.Variable];
      tf.tidy(() => {
        last.assign(tf.mul(last, initialScale));
        bias.assign(tf.tensor1d(diagonal));
      });
      this.variables = this.network.variables;
    }
  }

  /** `C(q)`, `[B, d, d]` lower triangular. */
  factor(q: tf.Tensor2D): tf.Tensor3D {
    return tf.tidy(() => {
      const batch = q.shape[0] as number;
      const d = this.dof;
      const { angles, angleTransform } = this.config;
      const lower =
        this.entries !== undefined
          ? tf.tile(tf.reshape(this.entries, [1, -1]), [batch, 1])
          : (this.network as Mlp).apply(angleFeatures(q, angles, angleTransform));
      return tf.reshape(tf.matMul(lower, this.placement), [batch, d, d]) as tf.Tensor3D;
    });
  }

  /** `Cᵀq̇` per sample, `[B, d]`. */
  private projected(q: tf.Tensor2D, qdot: tf.Tensor2D): tf.Tensor2D {
    return tf.squeeze(tf.matMul(this.factor(q), tf.expandDims(qdot, 2), true, false), [2]) as tf.Tensor2D;
  }

  /** `K(q) = C Cᵀ + εI`, `[B, d, d]` (for inspection). */
  matrix(q: tf.Tensor2D): tf.Tensor3D {
    return tf.tidy(() => {
      const c = this.factor(q);
      const k = tf.matMul(c, c, false, true);
      return (this.config.epsilon === 0 ? k : tf.add(k, tf.mul(this.config.epsilon, tf.eye(this.dof)))) as tf.Tensor3D;
    });
  }

  value(q: tf.Tensor2D, qdot: tf.Tensor2D): tf.Tensor1D {
    checkStates('QuadraticDissipation.value', this.dof, q, qdot);
    return tf.tidy(() => {
      const squares = tf.sum(tf.square(this.projected(q, qdot)), 1);
      const floor = this.config.epsilon === 0 ? squares : tf.add(squares, tf.mul(this.config.epsilon, tf.sum(tf.square(qdot), 1)));
      return tf.mul(0.5, floor) as tf.Tensor1D;
    });
  }

  gradient(q: tf.Tensor2D, qdot: tf.Tensor2D): tf.Tensor2D {
    checkStates('QuadraticDissipation.gradient', this.dof, q, qdot);
    return tf.tidy(() => {
      const w = tf.expandDims(this.projected(q, qdot), 2);
      const cw = tf.squeeze(tf.matMul(this.factor(q), w), [2]);
      return (this.config.epsilon === 0 ? cw : tf.add(cw, tf.mul(this.config.epsilon, qdot))) as tf.Tensor2D;
    });
  }

  dispose(): void {
    this.network?.dispose();
    this.entries?.dispose();
    this.placement.dispose();
  }
}
