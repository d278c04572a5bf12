import * as tf from '@tensorflow/tfjs-core';
import { requireBackend } from '@lnn/autodiff';
import { checkStates } from './euler-lagrange';

/**
 * Generalised forces `Q(q, q̇, u)` for a batch (`[B, d]`), with `u` the control inputs (`[B, c]`,
 * a model's `extra` inputs). Time enters through u: a rollout under a forcing signal gives u(t)
 * (`rollout`'s `control`); a force with its own explicit time dependence takes t as one of the u.
 * Made by {@link knownForce} (a tfjs function) or {@link InputForce} (`Q = B u`, B known or learned).
 */
export interface GeneralisedForce {
  /** d, the number of coordinates. */
  readonly dof: number;
  /** c, the number of control inputs. */
  readonly controls: number;
  /** Q per sample, `[B, d]`; differentiable in any variables it has. */
  value(q: tf.Tensor2D, qdot: tf.Tensor2D, u: tf.Tensor2D | undefined): tf.Tensor2D;
  /** Trainable variables (none for a known force). */
  readonly variables: readonly tf.Variable[];
}

/** Checks u against c controls and the batch; `where` names the caller. */
export function checkControls(where: string, controls: number, batch: number, u: tf.Tensor | undefined): void {
  if (controls === 0) {
    if (u !== undefined && u.size > 0) throw new TypeError(`${where}: this model takes no control inputs, received u (extra) of shape [${u.shape.join(', ')}]; leave it out.`);
    return;
  }
  if (u === undefined || typeof u.rank !== 'number') throw new TypeError(`${where}: the control inputs u (extra) must be a tf.Tensor of shape [${batch}, ${controls}], received ${String(u)}.`);
  if (u.rank !== 2 || u.shape[0] !== batch || u.shape[1] !== controls) {
    throw new TypeError(`${where}: the control inputs u (extra) must have shape [${batch}, ${controls}] (batch × controls), received [${u.shape.join(', ')}].`);
  }
}

/**
 * A known generalised force written in tfjs, `fn(q, q̇, u) → [B, d]`.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend } from '@lnn/autodiff';
 * import { knownForce } from '@lnn/lagrangian';
 * await initBackend();
 * // a torque u on the first of two joints, and a drag −0.1 q̇ on both
 * const force = knownForce(2, 1, (_q, qdot, u) => tf.add(tf.pad(u as tf.Tensor2D, [[0, 0], [0, 1]]), tf.mul(-0.1, qdot)) as tf.Tensor2D);
 * console.log(force.value(tf.zeros([1, 2]), tf.tensor2d([[1, 2]]), tf.tensor2d([[3]])).arraySync()); // [[2.9, -0.2]]
 */
export function knownForce(dof: number, controls: number, fn: (q: tf.Tensor2D, qdot: tf.Tensor2D, u: tf.Tensor2D | undefined) => tf.Tensor2D): GeneralisedForce {
  const where = 'knownForce';
  if (!Number.isInteger(dof) || dof < 1) throw new TypeError(`${where}: dof must be a positive integer, received ${String(dof)}.`);
  if (!Number.isInteger(controls) || controls < 0) throw new TypeError(`${where}: controls must be an integer ≥ 0, received ${String(controls)}.`);
  if (typeof fn !== 'function') throw new TypeError(`${where}: fn must be a function (q, qdot, u) => tf.Tensor2D of Q per sample, received ${String(fn)}.`);
  return {
    dof,
    controls,
    variables: [],
    value(q, qdot, u) {
      const batch = checkStates(where, dof, q, qdot);
      checkControls(where, controls, batch, u);
      const out = fn(q, qdot, u);
      if (out?.rank !== 2 || out.shape[0] !== batch || out.shape[1] !== dof) {
        const shape = out?.shape?.join(', ');
        out?.dispose?.();
        throw new TypeError(`${where}: fn must return Q of shape [${batch}, ${dof}], returned [${shape}].`);
      }
      return out;
    },
  };
}

/** Configuration of {@link InputForce}; JSON-able. */
export interface InputForceConfig {
  readonly dof: number;
  readonly controls: number;
  /**
   * The known input matrix B, `d × c` row-major (`Q_i = Σ_j B[i·c + j] u_j`), fixed; omitted, B
   * is learned (a variable, starting at `initial`).
   */
  readonly matrix?: readonly number[];
  /** The learned B's starting value, `d × c` row-major. @default zeros */
  readonly initial?: readonly number[];
}

/**
 * Generalised forces linear in the controls, `Q = B u` — the common case (torques at actuated
 * joints): B known (`matrix`) or learned.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend } from '@lnn/autodiff';
 * import { InputForce } from '@lnn/lagrangian';
 * await initBackend();
 * const torque = new InputForce({ dof: 2, controls: 1, matrix: [1, 0] }); // u drives joint 1 only
 * console.log(torque.value(tf.zeros([1, 2]), tf.zeros([1, 2]), tf.tensor2d([[0.5]])).arraySync()); // [[0.5, 0]]
 */
export class InputForce implements GeneralisedForce {
  readonly dof: number;
  readonly controls: number;
  readonly config: Readonly<InputForceConfig>;
  readonly variables: tf.Variable[];
  /** B, `[d, c]`. */
  private readonly b: tf.Tensor2D;

  constructor(config: InputForceConfig) {
    const where = 'InputForce';
    requireBackend(where);
    const { dof, controls } = config ?? ({} as InputForceConfig);
    if (!Number.isInteger(dof) || dof < 1) throw new TypeError(`${where}: config.dof must be a positive integer, received ${String(dof)}.`);
    if (!Number.isInteger(controls) || controls < 1) throw new TypeError(`${where}: config.controls must be a positive integer, received ${String(controls)}.`);
    const entries = (name: 'matrix' | 'initial'): number[] | undefined => {
      const value = config[name];
      if (value === undefined) return undefined;
      if (!Array.isArray(value) || value.length !== dof * controls || !value.every((x) => typeof x === 'number' && Number.isFinite(x))) {
        throw new TypeError(`${where}: config.${name} must hold d·c = ${dof}·${controls} finite numbers (B row-major), received ${JSON.stringify(value)}.`);
      }
      return [...value];
    };
    const matrix = entries('matrix');
    const initial = entries('initial');
    if (matrix !== undefined && initial !== undefined) throw new TypeError(`${where}: config.matrix (a known B) and config.initial (a learned B's start) were both given; keep one.`);
    this.dof = dof;
    this.controls = controls;
    this.config = { dof, controls, ...(matrix === undefined ? { initial: initial ?? new Array<number>(dof * controls).fill(0) } : { matrix }) };
    const values = tf.tensor2d(matrix ?? initial ?? new Array<number>(dof * controls).fill(0), [dof, controls]);
    if (matrix === undefined) {
      const variable = tf.variable(values, true);
      values.dispose();
      this.b = variable;
      this.variables = [variable];
    } else {
      this.b = values;
      this.variables = [];
    }
  }

  value(q: tf.Tensor2D, qdot: tf.Tensor2D, u: tf.Tensor2D | undefined): tf.Tensor2D {
    const batch = checkStates('InputForce', this.dof, q, qdot);
    checkControls('InputForce', this.controls, batch, u);
    return tf.matMul(u as tf.Tensor2D, this.b, false, true);
  }

  dispose(): void {
    this.b.dispose();
  }
}
