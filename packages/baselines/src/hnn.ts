import * as tf from '@tensorflow/tfjs-core';
import { JetTrace, Mlp, SMOOTH_ACTIVATIONS, solve, type SmoothActivation } from '@lnn/autodiff';
import { checkStates, lagrangianDerivatives, type DynamicsModel, type Lagrangian, type LoadContext, type ModelKind } from '@lnn/lagrangian';
import { checkActivation, checkBase, type BaseConfig } from './internal/config';

/**
 * What the HNN takes as its momentum: `'canonical'`, the true `p = ∂L/∂q̇` of the system (given
 * as a momentum map); `'velocity'`, `q̇` itself in the role of p (right only when `p ∝ q̇`).
 */
export type MomentumMode = 'canonical' | 'velocity';

/** Configuration of {@link Hnn}; JSON-able. */
export interface HnnConfig extends BaseConfig {
  readonly momentum: MomentumMode;
  /** Smooth, since dynamics need ∇H. @default 'softplus' */
  readonly activation?: SmoothActivation;
}

/** What an HNN needs that JSON cannot hold. */
export interface HnnOptions {
  /**
   * For `momentum: 'canonical'`: the system's true Lagrangian, whose `∂L/∂q̇` is the canonical
   * momentum `p(q, q̇)` (its derivatives give the chain rule back to accelerations).
   */
  readonly momentumMap?: Lagrangian;
}

/** The HNN's hidden widths by default (the HNN paper's 200-unit networks, two hidden layers). */
const HNN_DEFAULT_HIDDEN = [200, 200] as const;

/**
 * A Hamiltonian Neural Network: a network `H(q, p)` whose dynamics are `q' = ∂H/∂p`,
 * `p' = −∂H/∂q`, so it conserves its own H exactly in continuous time.
 *
 * It works in the LNN's space: states are `(q, q̇)`. The momentum is the true canonical one
 * (`momentum: 'canonical'`, from `options.momentumMap`) or `q̇` itself (`'velocity'`, the
 * paper's failing case when p is not proportional to q̇). Its state derivative is
 * `[q', q̈]` with `q' = ∂H/∂p` and, by the chain rule through `p(q, q̇)`,
 * `q̈ = (∂p/∂q̇)⁻¹ (−∂H/∂q − (∂p/∂q) q')` — accelerations in the system's units, comparable with
 * every other model's; along that flow `dH/dt = 0`. Trained on `(q̇, q̈)`.
 *
 * @example
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import path from 'node:path';
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend } from '@lnn/autodiff';
 * import { Hnn, hnnKind } from '@lnn/baselines';
 * import { loadModel, saveModel, type Lagrangian } from '@lnn/lagrangian';
 * await initBackend();
 * // the relativistic particle, L = (1 − q̇²)^(−1/2) + g q, its field g an extra input: x = [q, q̇]
 * const trueLagrangian: Lagrangian = {
 *   dof: 1,
 *   tensor: (x, g) => {
 *     const [q, v] = tf.split(x, 2, 1);
 *     return tf.reshape(tf.add(tf.rsqrt(tf.sub(1, tf.square(v))), tf.mul(g ?? 0, q)), [-1]) as tf.Tensor1D;
 *   },
 * };
 * const hnn = new Hnn({ dof: 1, extraDim: 1, hidden: [32, 32], momentum: 'canonical' }, { momentumMap: trueLagrangian });
 * const dir = path.join(mkdtempSync(path.join(tmpdir(), 'lnn-')), 'hnn');
 * saveModel(hnn, dir);
 * const loaded = loadModel(dir, { kinds: [hnnKind], context: { momentumMap: trueLagrangian } });
 * const qdd = loaded.accelerations(tf.tensor2d([[0]]), tf.tensor2d([[0.5]]), tf.tensor2d([[2]])); // q, q̇, g
 * console.log(loaded.kind, qdd.shape); // hnn [1, 1]
 */
export class Hnn implements DynamicsModel {
  readonly kind = 'hnn';
  readonly dof: number;
  readonly extraDim: number;
  readonly config: Required<BaseConfig> & { readonly momentum: MomentumMode; readonly activation: SmoothActivation };
  readonly variables: readonly tf.Variable[];
  private readonly mlp: Mlp;
  private readonly momentumMap: Lagrangian | undefined;

  constructor(config: HnnConfig, options: HnnOptions = {}) {
    const where = 'Hnn';
    const base = checkBase(where, config, HNN_DEFAULT_HIDDEN);
    const activation = checkActivation(where, config.activation ?? 'softplus', SMOOTH_ACTIVATIONS);
    const { momentum } = config;
    if (momentum !== 'canonical' && momentum !== 'velocity') {
      throw new TypeError(`${where}: config.momentum must be 'canonical' or 'velocity', received ${JSON.stringify(momentum)}.`);
    }
    if (momentum === 'canonical') {
      const map = options.momentumMap;
      if (map == null || !('jet' in map || 'tensor' in map)) {
        throw new TypeError(
          `${where}: config.momentum is 'canonical', which needs options.momentumMap — the true Lagrangian, whose ∂L/∂q̇ is ` +
            `the canonical momentum — received ${String(map)}; when loading, pass it: loadModel(dir, { kinds: [hnnKind], context: { momentumMap } }).`,
        );
      }
      if (map.dof !== base.dof) throw new TypeError(`${where}: options.momentumMap has ${map.dof} coordinates, the model ${base.dof}.`);
    }
    this.config = { ...base, momentum, activation };
    this.dof = base.dof;
    this.extraDim = base.extraDim;
    this.momentumMap = momentum === 'canonical' ? options.momentumMap : undefined;
    this.mlp = new Mlp({ where, inputs: 2 * base.dof, hidden: base.hidden, outputs: 1, activation, initialisation: 'glorot', seed: base.seed, extraDim: base.extraDim });
    this.variables = this.mlp.variables;
  }

  /** `H(q, p)`, `[B]`. */
  hamiltonian(q: tf.Tensor2D, p: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor1D {
    checkStates('Hnn.hamiltonian', this.dof, q, p, extra);
    return tf.tidy(() => tf.reshape(this.mlp.apply(tf.concat([q, p], 1) as tf.Tensor2D, extra), [-1]) as tf.Tensor1D);
  }

  /** The momentum the model uses at `(q, q̇)`: canonical `p(q, q̇)` or `q̇`. */
  momentum(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor2D {
    checkStates('Hnn.momentum', this.dof, q, qdot, extra);
    if (this.momentumMap === undefined) return tf.clone(qdot);
    return tf.tidy(() => lagrangianDerivatives(this.momentumMap as Lagrangian, q, qdot, extra).gradV);
  }

  stateDerivative(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor2D {
    const batch = checkStates('Hnn', this.dof, q, qdot, extra);
    const d = this.dof;
    return tf.tidy(() => {
      const map = this.momentumMap === undefined ? undefined : lagrangianDerivatives(this.momentumMap, q, qdot, extra);
      const p = map === undefined ? qdot : map.gradV;
      // ∇H from one forward jet pass: the tangent of H along the 2d unit directions.
      const trace = new JetTrace(batch, 2 * d);
      const h = this.mlp.applyJet(trace.input(tf.concat([q, p], 1) as tf.Tensor2D), extra);
      const gradient = tf.reshape(h.tangent, [batch, 2 * d]);
      const qPrime = tf.slice(gradient, [0, d], [-1, d]) as tf.Tensor2D; // ∂H/∂p
      const pPrime = tf.neg(tf.slice(gradient, [0, 0], [-1, d])) as tf.Tensor2D; // −∂H/∂q
      if (map === undefined) return tf.concat([qPrime, pPrime], 1) as tf.Tensor2D;
      // p' = (∂p/∂q) q' + (∂p/∂q̇) q̈  ⇒  q̈ = (∂p/∂q̇)⁻¹ (p' − (∂p/∂q) q').
      const drift = tf.reshape(tf.matMul(map.hvq, tf.reshape(qPrime, [batch, d, 1])), [batch, d]);
      const qdd = tf.reshape(solve(map.hvv, tf.sub(pPrime, drift)), [batch, d]);
      return tf.concat([qPrime, qdd], 1) as tf.Tensor2D;
    });
  }

  accelerations(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => tf.slice(this.stateDerivative(q, qdot, extra), [0, this.dof], [-1, this.dof]) as tf.Tensor2D);
  }

  /** The learned `H(q, p(q, q̇))`: what the model's own dynamics conserve. */
  energy(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => this.hamiltonian(q, this.momentum(q, qdot, extra), extra));
  }

  dispose(): void {
    this.mlp.dispose();
  }
}

/**
 * The kind `loadModel` builds an {@link Hnn} with; its `context.momentumMap` is the HNN's
 * `options.momentumMap` (needed for `momentum: 'canonical'`: functions are not saved). The
 * {@link Hnn} example saves and loads one.
 *
 * @example
 * import { hnnKind } from '@lnn/baselines';
 * console.log(hnnKind.kind); // hnn — load with loadModel(dir, { kinds: [hnnKind], context: { momentumMap } })
 */
export const hnnKind: ModelKind = Object.freeze({
  kind: 'hnn',
  build: (config: Readonly<Record<string, unknown>>, context: LoadContext) => new Hnn(config as unknown as HnnConfig, { momentumMap: context.momentumMap as Lagrangian | undefined }),
});
