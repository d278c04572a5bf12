import { ACTIVATIONS, type Activation } from '@lnn/autodiff';

/** The configuration every baseline shares; JSON-able. */
export interface BaseConfig {
  /** d, the number of coordinates. */
  readonly dof: number;
  /** p, per-sample inputs that are not coordinates (e.g. the relativistic particle's g). @default 0 */
  readonly extraDim?: number;
  /** Hidden widths. */
  readonly hidden?: readonly number[];
  /** Seed of the initialisation. @default 0 */
  readonly seed?: number;
}

/** Validates the shared fields, naming the model and the field; returns them with defaults. */
export function checkBase(where: string, config: BaseConfig, defaultHidden: readonly number[]): Required<BaseConfig> {
  const { dof, extraDim = 0, hidden = defaultHidden, seed = 0 } = config ?? ({} as BaseConfig);
  if (!Number.isInteger(dof) || dof < 1) throw new TypeError(`${where}: config.dof must be a positive integer, received ${String(dof)}.`);
  if (!Number.isInteger(extraDim) || extraDim < 0) throw new TypeError(`${where}: config.extraDim must be an integer ≥ 0, received ${String(extraDim)}.`);
  if (!Array.isArray(hidden) || hidden.length === 0 || !hidden.every((w) => Number.isInteger(w) && w > 0)) {
    throw new TypeError(`${where}: config.hidden must be a non-empty array of positive integers, received ${JSON.stringify(hidden)}.`);
  }
  if (!Number.isFinite(seed)) throw new TypeError(`${where}: config.seed must be a finite number, received ${String(seed)}.`);
  return { dof, extraDim, hidden: [...hidden], seed };
}

/** Validates an activation against the allowed ones. */
export function checkActivation<A extends Activation>(where: string, activation: A, allowed: readonly A[] = ACTIVATIONS as readonly A[]): A {
  if (!allowed.includes(activation)) {
    throw new TypeError(`${where}: config.activation must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, received ${JSON.stringify(activation)}.`);
  }
  return activation;
}
