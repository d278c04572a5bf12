import { damped, lu, pinv, solverFromJson, type Solver, type SolverJson } from '@lnn/autodiff';

/**
 * How `H_vv` was named before solvers were values.
 *
 * @deprecated Use a solver value: `'pinv'` → `pinv()`, `'damped'` → `damped()`, `'solve'` → `lu()`.
 */
export type Inverse = 'pinv' | 'damped' | 'solve';

/**
 * The solver of earlier versions as an options object; still read (saved models hold it).
 *
 * @deprecated Use a solver value: `{ inverse: 'pinv', rcond }` → `pinv({ rcond })`,
 *   `{ inverse: 'damped', damping }` → `damped({ epsilon: damping })`, `{ inverse: 'solve' }` → `lu()`.
 */
export interface LegacySolverOptions {
  /** @deprecated see {@link LegacySolverOptions} */
  readonly inverse?: Inverse;
  /** @deprecated see {@link LegacySolverOptions} */
  readonly damping?: number;
  /** @deprecated see {@link LegacySolverOptions} */
  readonly rcond?: number;
}

/**
 * What a model configuration's `solver` accepts: a solver value (`pinv()`, `damped({ epsilon })`,
 * `lu()`, `cholesky()`, or your own `Solver`), its JSON form (`{ name, options }`, as saved models
 * hold it), or the deprecated `{ inverse, damping, rcond }`.
 */
export type SolverConfig = Solver | SolverJson | LegacySolverOptions;

const LEGACY_KEYS = ['inverse', 'damping', 'rcond'] as const;

/** Whether `options` uses any of the deprecated `{ inverse, damping, rcond }` fields. */
export function hasLegacySolverFields(options: object): boolean {
  return LEGACY_KEYS.some((key) => (options as Record<string, unknown>)[key] !== undefined);
}

/**
 * The one mapping from the deprecated `{ inverse, damping, rcond }` to a solver value, with the
 * old defaults (`inverse: 'pinv'`; `damping`: `damped()`'s ε; `rcond`: `pinv()`'s d·ε₃₂). A field
 * the chosen inverse did not use is ignored, as it was.
 */
export function solverFromLegacy(owner: string, options: LegacySolverOptions): Solver {
  const { inverse = 'pinv', damping, rcond } = options;
  switch (inverse) {
    case 'pinv':
      return pinv(rcond === undefined ? undefined : { rcond });
    case 'damped':
      return damped(damping === undefined ? undefined : { epsilon: damping });
    case 'solve':
      return lu();
    default:
      throw new TypeError(`${owner}.inverse must be 'pinv', 'damped' or 'solve' (deprecated: pass a solver value, pinv(), damped() or lu()), received ${JSON.stringify(inverse)}.`);
  }
}

/**
 * Reads any {@link SolverConfig} (or nothing) into a solver value: the default — `pinv()`, the
 * paper's choice, unless a model passes its own — is chosen here and nowhere else.
 *
 * @param field - the field read, for messages (`'MlpLagrangian: config.solver'`).
 * @param fallback - the model's own default, for models that are not the paper's LNN (DeLaN: `lu`).
 * @throws {TypeError} naming `field` when the value is none of the accepted forms.
 * @example
 * import { damped, lu } from '@lnn/autodiff';
 * import { toSolver } from '@lnn/lagrangian';
 * // what a model's constructor does with its config.solver (MyModel's own default: lu())
 * console.log(toSolver('MyModel: config.solver', undefined, lu).name); // lu
 * console.log(toSolver('MyModel: config.solver', damped({ epsilon: 0.01 })).options); // { epsilon: 0.01 }
 * console.log(toSolver('MyModel: config.solver', { name: 'pinv', options: {} }).name); // pinv (a saved model's JSON)
 */
export function toSolver(field: string, value: unknown, fallback: () => Solver = pinv): Solver {
  if (value === undefined) return fallback();
  const expected = 'a solver value such as pinv(), damped({ epsilon }), lu() or cholesky() (or its JSON { name, options })';
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TypeError(`${field} must be ${expected}, received ${JSON.stringify(value)}.`);
  const candidate = value as Partial<Solver> & LegacySolverOptions;
  if (typeof candidate.solve === 'function') {
    if (typeof candidate.name !== 'string') throw new TypeError(`${field}: a solver needs a name (string) beside its solve function, received ${String(candidate.name)}.`);
    return candidate as Solver;
  }
  if ('name' in candidate) return solverFromJson(candidate as SolverJson);
  if (Object.keys(candidate).every((key) => (LEGACY_KEYS as readonly string[]).includes(key))) return solverFromLegacy(field, candidate);
  throw new TypeError(`${field} must be ${expected}, received ${JSON.stringify(value)}.`);
}
