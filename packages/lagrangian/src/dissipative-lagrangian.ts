import * as tf from '@tensorflow/tfjs-core';
import { requireBackend, type Solver } from '@lnn/autodiff';
import type { Dissipation } from './dissipation';
import type { DynamicsModel } from './dynamics-model';
import { checkStates, eulerLagrangeWithHessian, lagrangianEnergy } from './euler-lagrange';
import { checkControls, InputForce, type GeneralisedForce, type InputForceConfig } from './generalised-force';
import type { Lagrangian } from './lagrangian';
import { MlpLagrangian, type MlpLagrangianConfig } from './mlp-lagrangian';
import type { LoadContext, ModelKind } from './model-kind';
import { QuadraticDissipation, type QuadraticDissipationConfig } from './quadratic-dissipation';
import { toSolver, type SolverConfig } from './solver-option';

/** Configuration of {@link DissipativeLagrangian}; JSON-able (known parts are named `'known'` and given separately). */
export interface DissipativeLagrangianConfig {
  /** d, the number of coordinates. */
  readonly dof: number;
  /** c, the control inputs u: the model's `extra` inputs (`extraDim = controls`). @default 0 */
  readonly controls?: number;
  /** The Lagrangian: an MLP's configuration (an {@link MlpLagrangian} of the same dof, no extra inputs), or `'known'`. */
  readonly lagrangian: Omit<MlpLagrangianConfig, 'dof' | 'extraDim'> | 'known';
  /** The dissipation: learned ({@link QuadraticDissipation}'s configuration without dof), `'known'`, or `'none'`. @default 'none' */
  readonly dissipation?: Omit<QuadraticDissipationConfig, 'dof'> | 'known' | 'none';
  /**
   * The generalised forces: `Q = B u` ({@link InputForce}: `{ matrix }` known, `{}` or
   * `{ initial }` learned), `'known'`, or `'none'` (then `controls` must be 0). @default 'none'
   */
  readonly force?: Omit<InputForceConfig, 'dof' | 'controls'> | 'known' | 'none';
  /** How `H_vv` is inverted (as {@link MlpLagrangian}'s `solver`). @default pinv() */
  readonly solver?: SolverConfig;
}

/** The parts of a {@link DissipativeLagrangian} given as functions (the ones its configuration names `'known'`); `loadModel`'s `context`. */
export interface KnownParts {
  readonly lagrangian?: Lagrangian;
  readonly dissipation?: Dissipation;
  readonly force?: GeneralisedForce;
}

type Resolved = Readonly<{
  dof: number;
  controls: number;
  lagrangian: Readonly<Record<string, unknown>> | 'known';
  dissipation: Readonly<Record<string, unknown>> | 'known' | 'none';
  force: Readonly<Record<string, unknown>> | 'known' | 'none';
  solver: Solver;
}>;

/**
 * A Lagrangian model with dissipation and forces: accelerations from the Lagrange–d'Alembert
 * equation `q̈ = H_vv⁻¹(∇_q L − H_vq q̇ − ∇_q̇ D + Q(q, q̇, u))` (the Euler–Lagrange solve with a
 * `force`), where L is an MLP (or known), D a learned {@link QuadraticDissipation} (D ≥ 0 by
 * construction), known, or absent, and Q = B u ({@link InputForce}), known, or absent, with the
 * control inputs u as the model's `extra` inputs. Trains with `train` (data `extra` = u; the
 * `definiteness` guard works on L's `H_vv`; give it `sign: 'positive'` when D is learned: with D ≥ 0 only a
 * positive-definite `H_vv` can carry the damping), rolls out with `rollout` (`control` gives u(t)),
 * and reports its energy `E = q̇·∇_q̇L − L` and the energy balance `dE/dt = −q̇·∇_q̇D + q̇·Q`
 * ({@link DissipativeLagrangian.power}). Variables: L's, then D's, then B's.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend } from '@lnn/autodiff';
 * import { DissipativeLagrangian } from '@lnn/lagrangian';
 * await initBackend();
 * // a driven, damped pendulum to be learned: L an MLP, D learned, Q = b u with b learned
 * const model = new DissipativeLagrangian({ dof: 1, controls: 1, lagrangian: { hidden: [16, 16], angles: [0], angleTransform: 'features' }, dissipation: { constant: true }, force: {} });
 * const [q, qdot, u] = [tf.tensor2d([[0.3], [1]]), tf.tensor2d([[1], [0]]), tf.tensor2d([[0.5], [0]])];
 * console.log(model.accelerations(q, qdot, u).shape, model.power(q, qdot, u).arraySync()[1]); // [2, 1] 0: no power at rest
 * model.dispose();
 */
export class DissipativeLagrangian implements DynamicsModel {
  readonly kind = 'dissipative-lagrangian';
  readonly dof: number;
  readonly extraDim: number;
  readonly config: Resolved;
  readonly variables: tf.Variable[];
  /** L (jet path for a learned one). */
  readonly lagrangian: Lagrangian;
  /** D, or undefined when the model has none. */
  readonly dissipation: Dissipation | undefined;
  /** Q, or undefined when the model has none. */
  readonly force: GeneralisedForce | undefined;
  private readonly owned: { dispose(): void }[] = [];

  constructor(config: DissipativeLagrangianConfig, known: KnownParts = {}) {
    const where = 'DissipativeLagrangian';
    requireBackend(where);
    const { dof, controls = 0, lagrangian, dissipation = 'none', force = 'none' } = config ?? ({} as DissipativeLagrangianConfig);
    if (!Number.isInteger(dof) || dof < 1) throw new TypeError(`${where}: config.dof must be a positive integer, received ${String(dof)}.`);
    if (!Number.isInteger(controls) || controls < 0) throw new TypeError(`${where}: config.controls must be an integer ≥ 0, received ${String(controls)}.`);
    if (known === null || typeof known !== 'object') throw new TypeError(`${where}: known must be { lagrangian?, dissipation?, force? }, received ${String(known)}.`);
    const solver = toSolver(`${where}: config.solver`, config.solver);
    this.dof = dof;
    this.extraDim = controls;
    const part = <T extends { dof: number }>(name: keyof KnownParts, given: T | undefined, what: string): T => {
      if (given === undefined || given === null || given.dof !== dof) {
        throw new TypeError(`${where}: config.${name} is 'known', so known.${name} (or loadModel's context.${name}) must be ${what} of dof ${dof}, received ${given === undefined ? 'nothing' : `one of dof ${String(given?.dof)}`}.`);
      }
      return given;
    };
    try {
      // L
      let lagrangianConfig: Resolved['lagrangian'];
      if (lagrangian === 'known') {
        this.lagrangian = part('lagrangian', known.lagrangian, 'a Lagrangian');
        lagrangianConfig = 'known';
      } else {
        if (lagrangian === null || typeof lagrangian !== 'object') throw new TypeError(`${where}: config.lagrangian must be an MLP Lagrangian's configuration (e.g. { hidden: [64, 64] }) or 'known', received ${JSON.stringify(lagrangian)}.`);
        const mlp = new MlpLagrangian({ ...lagrangian, dof, extraDim: 0 } as MlpLagrangianConfig);
        this.owned.push(mlp);
        this.lagrangian = mlp.lagrangian;
        const { solver: _solver, extraDim: _extraDim, dof: _dof, ...rest } = mlp.config;
        void [_solver, _extraDim, _dof];
        lagrangianConfig = rest;
      }
      // D
      let dissipationConfig: Resolved['dissipation'];
      if (dissipation === 'none') {
        this.dissipation = undefined;
        dissipationConfig = 'none';
      } else if (dissipation === 'known') {
        this.dissipation = part('dissipation', known.dissipation, 'a Dissipation (knownDissipation(dof, fn))');
        dissipationConfig = 'known';
      } else {
        if (dissipation === null || typeof dissipation !== 'object') throw new TypeError(`${where}: config.dissipation must be a QuadraticDissipation configuration (e.g. { hidden: [16] }), 'known' or 'none', received ${JSON.stringify(dissipation)}.`);
        const learned = new QuadraticDissipation({ ...dissipation, dof });
        this.owned.push(learned);
        this.dissipation = learned;
        const { dof: _dof, ...rest } = learned.config;
        void _dof;
        dissipationConfig = rest;
      }
      // Q
      let forceConfig: Resolved['force'];
      if (force === 'none') {
        if (controls > 0) throw new TypeError(`${where}: config.controls is ${controls} but config.force is 'none': the inputs would act on nothing; give force: {} (Q = B u, B learned), { matrix } or 'known'.`);
        this.force = undefined;
        forceConfig = 'none';
      } else if (force === 'known') {
        const given = part('force', known.force, 'a GeneralisedForce (knownForce(dof, controls, fn))');
        if (given.controls !== controls) throw new TypeError(`${where}: known.force takes ${given.controls} control input(s), config.controls is ${controls}.`);
        this.force = given;
        forceConfig = 'known';
      } else {
        if (force === null || typeof force !== 'object') throw new TypeError(`${where}: config.force must be an InputForce configuration ({ matrix } or {}), 'known' or 'none', received ${JSON.stringify(force)}.`);
        if (controls === 0) throw new TypeError(`${where}: config.force is Q = B u but config.controls is 0; set controls to the number of inputs u.`);
        const input = new InputForce({ ...force, dof, controls });
        this.owned.push(input);
        this.force = input;
        const { dof: _d, controls: _c, ...rest } = input.config;
        void _d;
        void _c;
        forceConfig = rest;
      }
      this.config = { dof, controls, lagrangian: lagrangianConfig, dissipation: dissipationConfig, force: forceConfig, solver };
      const fromL = this.owned[0] instanceof MlpLagrangian ? this.owned[0].variables : [];
      this.variables = [...fromL, ...(this.dissipation?.variables ?? []), ...(this.force?.variables ?? [])];
    } catch (error) {
      this.dispose();
      throw error;
    }
  }

  /** `F = −∇_q̇ D + Q` per sample, `[B, d]`, or undefined when the model has neither; checks u. */
  private nonConservativeForce(where: string, q: tf.Tensor2D, qdot: tf.Tensor2D, u: tf.Tensor2D | undefined): tf.Tensor2D | undefined {
    const batch = checkStates(where, this.dof, q, qdot);
    checkControls(where, this.extraDim, batch, u);
    const damping = this.dissipation === undefined ? undefined : tf.neg(this.dissipation.gradient(q, qdot));
    const driving = this.force?.value(q, qdot, u);
    if (damping === undefined) return driving;
    return driving === undefined ? (damping as tf.Tensor2D) : (tf.add(damping, driving) as tf.Tensor2D);
  }

  accelerations(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const { accelerations, hvv } = this.accelerationsAndVelocityHessian(q, qdot, extra);
      hvv.dispose();
      return accelerations;
    });
  }

  accelerationsAndVelocityHessian(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): { accelerations: tf.Tensor2D; hvv: tf.Tensor3D } {
    return tf.tidy(() => {
      const force = this.nonConservativeForce('DissipativeLagrangian.accelerations', q, qdot, extra);
      return eulerLagrangeWithHessian(this.lagrangian, q, qdot, { solver: this.config.solver, ...(force === undefined ? {} : { force }) });
    });
  }

  /** The energy of L, `E = q̇·∇_q̇L − L` per sample (`[B]`); u does not enter it. */
  energy(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor1D {
    checkControls('DissipativeLagrangian.energy', this.extraDim, checkStates('DissipativeLagrangian.energy', this.dof, q, qdot), extra);
    return lagrangianEnergy(this.lagrangian, q, qdot);
  }

  /**
   * The energy balance: `dE/dt = −q̇·∇_q̇D + q̇·Q` per sample (`[B]`), the rate at which
   * {@link DissipativeLagrangian.energy} changes along the model's own motion.
   */
  power(q: tf.Tensor2D, qdot: tf.Tensor2D, extra?: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => {
      const force = this.nonConservativeForce('DissipativeLagrangian.power', q, qdot, extra);
      return (force === undefined ? tf.zeros([q.shape[0] as number]) : tf.sum(tf.mul(qdot, force), 1)) as tf.Tensor1D;
    });
  }

  /** D per sample (`[B]`; zeros when the model has no dissipation). */
  dissipationValue(q: tf.Tensor2D, qdot: tf.Tensor2D): tf.Tensor1D {
    checkStates('DissipativeLagrangian.dissipationValue', this.dof, q, qdot);
    return this.dissipation === undefined ? (tf.zeros([q.shape[0] as number]) as tf.Tensor1D) : this.dissipation.value(q, qdot);
  }

  dispose(): void {
    for (const part of this.owned) part.dispose();
    this.owned.length = 0;
  }
}

/**
 * The kind `loadModel` builds a {@link DissipativeLagrangian} with: pass it in `options.kinds`,
 * and the parts saved as `'known'` in `options.context` (`{ lagrangian?, dissipation?, force? }`,
 * {@link KnownParts}).
 *
 * @example
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import path from 'node:path';
 * import { initBackend } from '@lnn/autodiff';
 * import { DissipativeLagrangian, dissipativeLagrangianKind, loadModel, saveModel } from '@lnn/lagrangian';
 * await initBackend();
 * const dir = path.join(mkdtempSync(path.join(tmpdir(), 'lnn-')), 'damped');
 * saveModel(new DissipativeLagrangian({ dof: 2, lagrangian: { hidden: [16] }, dissipation: { hidden: [8] } }), dir);
 * console.log(loadModel(dir, { kinds: [dissipativeLagrangianKind] }).kind); // dissipative-lagrangian
 */
export const dissipativeLagrangianKind: ModelKind = Object.freeze({
  kind: 'dissipative-lagrangian',
  build: (config: Readonly<Record<string, unknown>>, context: LoadContext) => new DissipativeLagrangian(config as unknown as DissipativeLagrangianConfig, context as KnownParts),
});
