/** Name and version of the report format (see BENCHMARKS.md, "The JSON report"). */
export const REPORT_SCHEMA = 'lnn-bench-report';
export const REPORT_SCHEMA_VERSION = 1;

/** Units of a record's `value`. */
export type Unit = 'ms' | 'x' | 'slope' | 'per-second';

/** Median, min and max over repetitions after warm-up runs, in ms. */
export interface RecordTiming {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly repetitions: number;
  readonly warmup: number;
}

/** Memory when the case finished: the process's peak resident set so far, and tfjs's live tensors. */
export interface RecordMemory {
  readonly peakRssMiB: number;
  readonly tfTensors: number;
  readonly tfMiB: number;
}

/** One measured figure. */
export interface BenchRecord {
  /** Stable identifier, `<case>.<figure>` (what `--compare` matches on). */
  readonly id: string;
  /** The case that measured it. */
  readonly case: string;
  readonly title: string;
  readonly unit: Unit;
  /** The figure: the median for timings, else the ratio / slope / rate itself. */
  readonly value: number;
  /** Which direction is an improvement. */
  readonly better: 'lower' | 'higher';
  /** Present for timings. */
  readonly timing?: RecordTiming;
  /** What was measured: sizes, batch, method… */
  readonly parameters: Readonly<Record<string, string | number | boolean>>;
  readonly memory: RecordMemory;
  /** The tfjs backend it ran on (`none` for float64 host code). */
  readonly backend: string;
}

/** Where the run happened. */
export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly platform: string;
  readonly node: string;
}

/** A whole run. */
export interface BenchReport {
  readonly schema: typeof REPORT_SCHEMA;
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  /** ISO 8601. */
  readonly createdAt: string;
  /** The command line, as run. */
  readonly command: string;
  readonly mode: 'quick' | 'full';
  readonly machine: Machine;
  /** The default backend of the run: name, SIMD, threads. */
  readonly backend: { readonly name: string; readonly simd: boolean; readonly threads: number };
  /** Versions of the @lnn packages and tfjs. */
  readonly versions: Readonly<Record<string, string>>;
  readonly wallTimeSeconds: number;
  readonly records: readonly BenchRecord[];
}
