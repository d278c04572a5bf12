import { initBackend, type BackendName } from '@lnn/autodiff';
import type { BenchCase } from './bench-case';
import { describeMachine, packageVersions } from './machine';
import { REPORT_SCHEMA, REPORT_SCHEMA_VERSION, type BenchReport } from './report';
import { runCases } from './run-suite';

/** Options of {@link runBench}. */
export interface RunBenchOptions {
  readonly cases: readonly BenchCase[];
  readonly quick: boolean;
  /** @default $LNN_BACKEND, else wasm (see initBackend) */
  readonly backend?: BackendName;
  /** The command line to record. */
  readonly command: string;
  readonly log?: (message: string) => void;
}

/** Starts the backend, runs the cases, and returns the whole report. */
export async function runBench(options: RunBenchOptions): Promise<BenchReport> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const info = await initBackend(options.backend === undefined ? {} : { backend: options.backend });
  const records = await runCases(options.cases, { quick: options.quick, backend: info.backend, log });
  return {
    schema: REPORT_SCHEMA,
    schemaVersion: REPORT_SCHEMA_VERSION,
    createdAt: new Date().toISOString(),
    command: options.command,
    mode: options.quick ? 'quick' : 'full',
    machine: describeMachine(),
    // tfjs-node runs TensorFlow's own thread pool; wasm reports its pool; the cpu backend runs one thread.
    backend: { name: info.backend, simd: info.simd ?? false, threads: info.threads ?? (info.backend.startsWith('tensorflow') ? describeMachine().cores : 1) },
    versions: packageVersions(),
    wallTimeSeconds: (performance.now() - started) / 1000,
    records,
  };
}
