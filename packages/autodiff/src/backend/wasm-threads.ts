import * as tf from '@tensorflow/tfjs-core';

/**
 * tfjs-backend-wasm's threaded SIMD build, started in Node.
 *
 * tfjs ships the build but never starts it in Node (tfjs issue 3830): its feature flag answers
 * "no" there, it hands the pthread workers Blob URLs (Node's `Worker` takes only files), and the
 * factory it would hand them is a copy inside its bundle that refers to the bundle's own
 * variables. And its C side sizes the XNNPACK pool at half of `emscripten_num_logical_cores()`
 * (one thread on two cores), whatever count is asked for.
 *
 * This module starts the same build through the standalone files the package also ships
 * (`wasm-out/`), with nothing global changed:
 * - the factory is `wasm-out/tfjs-backend-wasm-threaded-simd.js` (self-contained), called with an
 *   Emscripten module config of our own: `locateFile` names real files, `mainScriptUrlOrBlob` is
 *   the factory's own path (each worker loads it), and `instantiateWasm` instantiates the binary
 *   with the import `emscripten_num_logical_cores` answering twice the requested count, so that
 *   the C side's halving gives the pool that count;
 * - the worker script is `wasm/pthread-worker.cjs` in this package, which runs tfjs's own worker
 *   source (`wasmWorkerContents`);
 * - the backend is tfjs's `BackendWasm` over that module, registered under the name `'wasm'` in
 *   place of tfjs's factory (kept, to go back to one thread), so every wasm kernel runs on it.
 *
 * Every failure before the backend exists — no SharedArrayBuffer, no wasm threads, a file that
 * cannot be found (a bundled app), a worker that will not load, a start-up that hangs — is a
 * {@link WasmThreadsError}; the caller falls back to the single-threaded build.
 */

/** The threaded build could not start; `message` says why. */
export class WasmThreadsError extends Error {
  override readonly name = 'WasmThreadsError';
}

/** The parts of `@tensorflow/tfjs-backend-wasm` used here. */
export interface TfjsWasmPackage {
  readonly BackendWasm: new (module: unknown) => tf.KernelBackend;
  readonly setThreadsCount: (threads: number) => void;
  readonly getThreadsCount: () => number;
}

/** How long starting the workers may take before the threaded build is given up. */
const START_TIMEOUT_MS = 60_000;

/** A WebAssembly program with a shared memory and an atomic: valid only where wasm threads are (from wasm-feature-detect, as tfjs uses it). */
const THREADS_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 4, 1, 3, 1, 1, 10, 11, 1, 9, 0, 65, 0, 254, 16, 2, 0, 26, 11]);

interface Files {
  /** This package's pthread worker script. */
  readonly worker: string;
  /** tfjs's standalone threaded-SIMD factory. */
  readonly factory: string;
  readonly binary: string;
}

/** The subset of an Emscripten module used here. */
interface EmscriptenModule {
  cwrap(name: string, returns: string | null, args: string[]): (...args: number[]) => number;
  PThread?: { terminateAllThreads(): void; runningWorkers: { unref?: () => void }[] };
  tfjs?: unknown;
}

type Factory = (config: Record<string, unknown>) => Promise<EmscriptenModule>;

/** The WebAssembly API used here (this package compiles without the DOM's type library). */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: unknown; module: unknown }>;
}
const webAssembly = (): WebAssemblyApi => (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

async function locateFiles(): Promise<{ files: Files; require: NodeJS.Require }> {
  const [{ createRequire }, path, fs] = await Promise.all([import('node:module'), import('node:path'), import('node:fs')]);
  const require = createRequire(import.meta.url);
  let files: Files;
  try {
    const own = path.dirname(require.resolve('@lnn/autodiff/package.json'));
    const tfjs = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'wasm-out');
    files = {
      worker: path.join(own, 'wasm', 'pthread-worker.cjs'),
      factory: path.join(tfjs, 'tfjs-backend-wasm-threaded-simd.js'),
      binary: path.join(tfjs, 'tfjs-backend-wasm-threaded-simd.wasm'),
    };
  } catch (error) {
    throw new WasmThreadsError(`could not locate its files from ${import.meta.url} (${error instanceof Error ? error.message : String(error)})`);
  }
  for (const file of Object.values(files)) {
    if (!fs.existsSync(file)) throw new WasmThreadsError(`a file it needs is missing: ${file}`);
  }
  return { files, require };
}

/** Starts one worker on the worker script in probe mode: it must load tfjs's worker source and answer. */
async function probeWorker(file: string): Promise<void> {
  const { Worker } = await import('node:worker_threads');
  await new Promise<void>((resolve, reject) => {
    const worker = new Worker(file, { workerData: { lnnProbe: true } });
    const finish = (error?: Error) => {
      clearTimeout(timer);
      void worker.terminate();
      if (error === undefined) resolve();
      else reject(new WasmThreadsError(`its worker script ${file} did not start: ${error.message}`));
    };
    const timer = setTimeout(() => finish(new Error(`no answer within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    worker.once('message', () => finish());
    worker.once('error', (error) => finish(error));
    worker.once('exit', (code) => finish(new Error(`it exited with code ${code}`)));
  });
}

/** Runs the factory with our module config, instantiating the binary so the pool gets `threads` threads. */
async function instantiate(factory: Factory, files: Files, binary: Uint8Array, threads: number): Promise<EmscriptenModule> {
  const config: Record<string, unknown> = {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  const failed = new Promise<never>((_, reject) => {
    const fail = (why: string) => {
      (config.PThread as EmscriptenModule['PThread'])?.terminateAllThreads();
      reject(new WasmThreadsError(why));
    };
    timer = setTimeout(() => fail(`its workers did not start within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    Object.assign(config, {
      locateFile: (name: string) => (name.endsWith('.worker.js') ? files.worker : name.endsWith('.wasm') ? files.binary : name),
      mainScriptUrlOrBlob: files.factory,
      instantiateWasm(imports: { env: Record<string, unknown> }, receive: (instance: unknown, module: unknown) => void) {
        // The C side sizes its pool at half the logical cores it is told of (capped at 8).
        const env = { ...imports.env, emscripten_num_logical_cores: () => 2 * threads };
        webAssembly().instantiate(binary, { ...imports, env, wasi_snapshot_preview1: env }).then(
          ({ instance, module }) => receive(instance, module),
          (error: unknown) => fail(`instantiating ${files.binary} failed: ${error instanceof Error ? error.message : String(error)}`),
        );
        return {};
      },
      onAbort: (what: unknown) => fail(`it aborted: ${String(what)}`),
    });
  });
  try {
    return await Promise.race([withoutProcessListeners(() => factory(config)), failed]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `start`, then removes the `uncaughtException` / `unhandledRejection` listeners it added.
 * Emscripten's Node glue adds two that rethrow whatever reaches them, from inside the factory's
 * one-line minified source: every later uncaught error of the program would be printed with that
 * 30 kB line. Without them Node's own handling (print and exit) is what the program gets.
 */
function withoutProcessListeners<T>(start: () => T): T {
  const uncaught = process.listeners('uncaughtException');
  const unhandled = process.listeners('unhandledRejection');
  try {
    return start();
  } finally {
    for (const listener of process.listeners('uncaughtException')) if (!uncaught.includes(listener)) process.removeListener('uncaughtException', listener);
    for (const listener of process.listeners('unhandledRejection')) if (!unhandled.includes(listener)) process.removeListener('unhandledRejection', listener);
  }
}

/** Wraps the module's C entry points the way tfjs's own `init` does. */
function addTfjsEntryPoints(module: EmscriptenModule): void {
  module.tfjs = {
    init: module.cwrap('init', null, []),
    initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: module.cwrap('get_threads_count', 'number', []),
    registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: module.cwrap('dispose_data', null, ['number']),
    dispose: module.cwrap('dispose', null, []),
  };
}

/** Starts the threaded build with a pool of `threads` and returns a `BackendWasm` over it. */
async function createThreadedBackend(wasm: TfjsWasmPackage, threads: number): Promise<tf.KernelBackend> {
  if (typeof SharedArrayBuffer !== 'function' || typeof Atomics !== 'object') {
    throw new WasmThreadsError('this runtime has no SharedArrayBuffer or Atomics');
  }
  if (!webAssembly().validate(THREADS_PROBE)) throw new WasmThreadsError('this runtime has no WebAssembly threads');
  const { files, require } = await locateFiles();
  await probeWorker(files.worker);
  const { readFile } = await import('node:fs/promises');
  const module = await instantiate(require(files.factory) as Factory, files, new Uint8Array(await readFile(files.binary)), threads);
  addTfjsEntryPoints(module);
  // BackendWasm's constructor creates the XNNPACK pool with the count set here.
  wasm.setThreadsCount(threads);
  const backend = new wasm.BackendWasm(module);
  // Emscripten refs a worker while it runs a pthread, and the pool's threads run for good: left
  // so, they would keep Node's event loop, and so the process, alive after the program's end.
  for (const worker of module.PThread?.runningWorkers ?? []) worker.unref?.();
  return backend;
}

/** tfjs's own wasm factory (single-threaded in Node), kept while ours is registered. */
let tfjsFactory: (() => tf.KernelBackend | Promise<tf.KernelBackend>) | undefined;
/** Why the threaded build could not start here, once it has failed (it is not tried again). */
let threadedFailure: string | undefined;
const WASM_PRIORITY = 2;

function registerWasmFactory(factory: () => tf.KernelBackend | Promise<tf.KernelBackend>): void {
  if (tf.findBackendFactory('wasm') != null) tf.removeBackend('wasm');
  tf.registerBackend('wasm', factory, WASM_PRIORITY);
}

/** What {@link prepareWasm} set up. */
export interface WasmThreadsPlan {
  /** Why fewer threads than asked for will run, if so. */
  readonly fallback?: string;
}

/**
 * Registers the `'wasm'` backend factory for a thread count, before `tf.setBackend('wasm')`.
 * In Node, more than one thread starts the threaded build here (see the module comment); one
 * thread restores tfjs's own factory. In browsers, tfjs's own factory starts its threaded build
 * where the page allows it (cross-origin isolation), with the pool it sizes. If the threaded
 * build cannot start, tfjs's single-threaded one is used and `fallback` says why (it is not
 * retried in this process).
 */
export async function prepareWasm(wasm: TfjsWasmPackage, threads: number): Promise<WasmThreadsPlan> {
  if (globalThis.process?.versions?.node === undefined) {
    wasm.setThreadsCount(threads);
    return {};
  }
  const registered = tf.findBackendFactory('wasm');
  if (tfjsFactory === undefined && registered != null) tfjsFactory = registered;
  const useTfjs = () => {
    if (tfjsFactory !== undefined && tf.findBackendFactory('wasm') !== tfjsFactory) registerWasmFactory(tfjsFactory);
  };
  if (threads <= 1) {
    useTfjs();
    return {};
  }
  if (threadedFailure !== undefined) {
    useTfjs();
    return { fallback: threadedFailure };
  }
  try {
    let first: tf.KernelBackend | undefined = await createThreadedBackend(wasm, threads);
    // The factory hands out the backend made above, then a new one each time tfjs asks again
    // (after tf.removeBackend or an engine reset disposed the first).
    registerWasmFactory(() => {
      const made = first;
      first = undefined;
      return made ?? createThreadedBackend(wasm, threads);
    });
    return {};
  } catch (error) {
    if (!(error instanceof WasmThreadsError)) throw error;
    threadedFailure = error.message;
    useTfjs();
    return { fallback: threadedFailure };
  }
}
