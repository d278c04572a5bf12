import * as tf from '@tensorflow/tfjs-core';
import {
  BACKEND_ENV_VAR,
  CONCRETE_BACKENDS,
  DEFAULT_BACKEND,
  parseBackendName,
  type BackendName,
  type ConcreteBackend,
} from './backend-name';
import { BackendInitError, BackendUnavailableError } from './errors';
import { registerGradients } from '../gradients/register-gradients';
import { loadBackend } from './loaders';
import { resolveThreads, THREADS_ENV_VAR } from './threads';

/** Options of {@link initBackend}. */
export interface InitBackendOptions {
  /**
   * The backend to start. When absent, the `LNN_BACKEND` environment variable decides; when that
   * is unset too, `'wasm'`, which falls back to `'cpu'` if WebAssembly cannot start.
   * @default process.env.LNN_BACKEND ?? 'wasm'
   */
  readonly backend?: BackendName;
  /**
   * wasm only: the threads its kernels run on. More than one starts tfjs's threaded SIMD build (in
   * Node through this package's own loader, in browsers where the page is cross-origin isolated);
   * `1` runs the single-threaded build. When absent, the `LNN_THREADS` environment variable
   * decides; when that is unset too, every logical core (at most 8, the build's limit). If the
   * threaded build cannot start, the single-threaded one runs and one warning line says why.
   * Changing the count of a running wasm backend restarts it: tensors made before are lost.
   * @default process.env.LNN_THREADS ?? all logical cores
   */
  readonly threads?: number;
}

/** A backend that was considered and not used, and why. */
export interface PassedOver {
  readonly backend: ConcreteBackend;
  readonly reason: string;
}

/** What {@link initBackend} started. */
export interface BackendInfo {
  /** The backend now running tensors. */
  readonly backend: ConcreteBackend;
  /** What was asked for (possibly `'auto'`). */
  readonly requested: BackendName;
  /** Where the request came from. */
  readonly source: 'option' | 'environment' | 'default';
  /** The name tfjs knows the backend by (`tf.getBackend()`). */
  readonly tfjsName: string;
  /** wasm only: whether the SIMD build is running. */
  readonly simd?: boolean;
  /** wasm only: the threads its kernels run on (1: the single-threaded build). */
  readonly threads?: number;
  /** wasm only: why fewer threads run than were asked for (the threaded build could not start). */
  readonly threadsFallback?: string;
  /** Backends tried before this one (by `'auto'`, or by the default's fallback), with the reason. */
  readonly passedOver: readonly PassedOver[];
  /** The version of `@tensorflow/tfjs-core` in use. */
  readonly tfjsVersion: string;
}

let current: BackendInfo | undefined;
let queue: Promise<unknown> = Promise.resolve();
/** Fallback reasons already warned about (each is said once per process). */
const warned = new Set<string>();

function resolveRequest(options: InitBackendOptions): Pick<BackendInfo, 'requested' | 'source'> {
  if (options.backend !== undefined) {
    return { requested: parseBackendName(options.backend, 'initBackend: options.backend'), source: 'option' };
  }
  const fromEnv = globalThis.process?.env?.[BACKEND_ENV_VAR];
  if (fromEnv !== undefined && fromEnv !== '') {
    return {
      requested: parseBackendName(fromEnv, `initBackend: environment variable ${BACKEND_ENV_VAR}`),
      source: 'environment',
    };
  }
  return { requested: DEFAULT_BACKEND, source: 'default' };
}

/** The backends to try for a request, in order. Only the unrequested default may fall back. */
function candidates(requested: BackendName, source: BackendInfo['source']): readonly ConcreteBackend[] {
  if (requested === 'auto') return CONCRETE_BACKENDS;
  if (requested === 'wasm' && source === 'default') return ['wasm', 'cpu'];
  return [requested];
}

async function start(options: InitBackendOptions): Promise<BackendInfo> {
  const { requested, source } = resolveRequest(options);
  const { threads } = await resolveThreads(options.threads);
  const passedOver: PassedOver[] = [];
  const order = candidates(requested, source);
  for (const [i, backend] of order.entries()) {
    const sameThreads = backend !== 'wasm' || current?.threads === threads || (current?.threadsFallback !== undefined && current.threads === 1);
    if (current?.backend === backend && tf.getBackend() === current.tfjsName && sameThreads) {
      current = { ...current, requested, source, passedOver };
      return current;
    }
    try {
      const loaded = await loadBackend(backend, { threads });
      if (loaded.threadsFallback !== undefined && !warned.has(loaded.threadsFallback)) {
        warned.add(loaded.threadsFallback);
        console.warn(
          `@lnn/autodiff: the threaded wasm build could not start (${loaded.threadsFallback}); running on ${loaded.threads ?? 1} thread. Set ${THREADS_ENV_VAR}=1 to choose that and silence this.`,
        );
      }
      // Re-assert the corrected rules, in case a library imported since replaced them.
      registerGradients();
      current = { backend, requested, source, passedOver, tfjsVersion: tf.version_core, ...loaded };
      return current;
    } catch (error) {
      const last = i === order.length - 1;
      if (last || !(error instanceof BackendUnavailableError || error instanceof BackendInitError)) throw error;
      passedOver.push({ backend, reason: error.message });
    }
  }
  // Unreachable: the loop returns or throws on its last candidate.
  throw new Error(`initBackend: no backend to try for '${requested}'.`);
}

/**
 * Picks, loads and activates the tfjs backend that every `@lnn` package then computes on.
 *
 * @param options - `backend`: `'wasm'` (default, WebAssembly with SIMD), `'cpu'` (plain JS),
 *   `'tensorflow'` / `'tensorflow-gpu'` (need `@tensorflow/tfjs-node` / `-node-gpu`, installed by
 *   you), or `'auto'` (the best available). The `LNN_BACKEND` environment variable is used when the
 *   option is absent. `threads` (wasm): how many threads run its kernels, by default
 *   `LNN_THREADS` or every logical core.
 * @returns what was started, including why other backends were passed over.
 * @throws {BackendUnavailableError} the backend's package is not installed (the message names it).
 * @throws {BackendInitError} the package is there but the backend would not start.
 * @throws {TypeError} an unknown backend name (from the option or the environment variable).
 * @example
 * import { initBackend } from '@lnn/autodiff';
 * const info = await initBackend();             // wasm with SIMD on every core, or LNN_BACKEND
 * await initBackend({ backend: 'cpu' });        // plain JavaScript
 * await initBackend({ threads: 1 });            // wasm, single-threaded build
 * console.log(info.backend, info.simd, info.threads);
 */
export function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  if (options === null || typeof options !== 'object') {
    return Promise.reject(
      new TypeError(`initBackend: options must be an object like { backend: 'wasm' }, received ${String(options)}.`),
    );
  }
  // Calls run one after another, so concurrent callers never race on tf.setBackend.
  const run = queue.then(
    () => start(options),
    () => start(options),
  );
  queue = run.catch(() => undefined);
  return run;
}

/**
 * The backend started by the last successful {@link initBackend}, or `undefined` before one.
 * If tfjs's backend was changed behind its back (`tf.setBackend`), this reports `undefined`.
 */
export function currentBackend(): BackendInfo | undefined {
  if (current === undefined) return undefined;
  return tf.getBackend() === current.tfjsName ? current : undefined;
}
