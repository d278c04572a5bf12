/** Backends that `initBackend` can start, in the order `'auto'` tries them. */
export const CONCRETE_BACKENDS = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;

/** A backend that runs tensors. */
export type ConcreteBackend = (typeof CONCRETE_BACKENDS)[number];

/**
 * A backend choice: a concrete backend, or `'auto'` for the best one available
 * (`tensorflow-gpu`, then `tensorflow`, then `wasm`, then `cpu`).
 */
export type BackendName = ConcreteBackend | 'auto';

/** Every accepted backend name. */
export const BACKEND_NAMES: readonly BackendName[] = ['wasm', 'cpu', 'tensorflow', 'tensorflow-gpu', 'auto'];

/** The environment variable that selects a backend when no option does. */
export const BACKEND_ENV_VAR = 'LNN_BACKEND';

/** The backend used when neither the option nor `LNN_BACKEND` names one. */
export const DEFAULT_BACKEND: BackendName = 'wasm';

/** Narrows `value` to a backend name, or throws an error naming where it came from. */
export function parseBackendName(value: unknown, where: string): BackendName {
  if (typeof value === 'string' && (BACKEND_NAMES as readonly string[]).includes(value)) {
    return value as BackendName;
  }
  throw new TypeError(
    `${where}: received ${JSON.stringify(value)}, expected one of ${BACKEND_NAMES.map((n) => `'${n}'`).join(', ')}.`,
  );
}
