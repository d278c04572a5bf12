import type { ConcreteBackend } from './backend-name';

/**
 * The backend's package is not installed. The message names the package to install.
 *
 * @example
 * import { BackendUnavailableError, initBackend } from '@lnn/autodiff';
 * try {
 *   await initBackend({ backend: 'tensorflow' });
 * } catch (e) {
 *   if (e instanceof BackendUnavailableError) console.log(e.packageName); // @tensorflow/tfjs-node, unless installed
 * }
 */
export class BackendUnavailableError extends Error {
  override readonly name = 'BackendUnavailableError';
  constructor(
    /** The backend that was asked for. */
    readonly backend: ConcreteBackend,
    /** The npm package that provides it. */
    readonly packageName: string,
    options?: ErrorOptions,
  ) {
    super(
      `initBackend: backend '${backend}' needs the package ${packageName}, which is not installed. ` +
        `Install it beside @lnn/autodiff (npm install ${packageName}), or choose another backend ` +
        `('wasm' works everywhere).`,
      options,
    );
  }
}

/** The backend's package is present but the backend could not start; `cause` holds the reason. */
export class BackendInitError extends Error {
  override readonly name = 'BackendInitError';
  constructor(
    /** The backend that failed. */
    readonly backend: ConcreteBackend,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`initBackend: backend '${backend}' failed to initialise: ${reason}`, options);
  }
}

/**
 * No tfjs backend is running: `initBackend()` was not called (and no backend package was imported
 * by hand). Thrown by the entry points of every `@lnn` package instead of tfjs's "No backend found
 * in registry".
 */
export class NoBackendError extends Error {
  override readonly name = 'NoBackendError';
  constructor(where: string) {
    super(`${where}: no tfjs backend is running. Call \`await initBackend()\` from @lnn/autodiff first (wasm by default; LNN_BACKEND or { backend } choose another).`);
  }
}
