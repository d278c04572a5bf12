import type { Progress } from './progress';

/**
 * How big a run is. `quick` is the default (every experiment within 30 minutes on two cores),
 * `long` trains longer (within 2 hours), `full` is the paper's scale, `test` a miniature of
 * seconds for the unit tests.
 */
export type Scale = 'test' | 'quick' | 'long' | 'full';

/**
 * JSON-able metrics of one experiment: nested records of numbers (non-finite ones allowed),
 * strings, booleans, null and arrays of them.
 */
export type Metrics = { readonly [key: string]: unknown };

/**
 * A table cell: text as is, or a reference to a number in the experiment's metrics (a dotted
 * path such as `lnn.energy.final.mean`), rendered with the report's number format — so every
 * number in REPORT.md is read from metrics.json.
 */
export type Cell =
  | string
  | {
      readonly metric: string;
      readonly percent?: boolean;
      readonly prefix?: string;
      readonly suffix?: string;
      /** A second metric: the cell shows `metric – to`. */
      readonly to?: string;
    };

/** A table of the report, with the paper's figure in its own column where there is one. */
export interface Table {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** Lines under the table. */
  readonly notes?: readonly string[];
}

/** A figure: a Vega-Lite specification, rendered headlessly to `figures/<file>`. */
export interface Figure {
  readonly file: string;
  readonly caption: string;
  readonly spec: Readonly<Record<string, unknown>>;
}

/** What an experiment hands back; stored whole in `<out>/experiments/<id>.json`. */
export interface ExperimentResult {
  readonly metrics: Metrics;
  readonly tables: readonly Table[];
  readonly figures: readonly Figure[];
  /** Paragraphs of the report: the settings used, how close the numbers came, caveats. */
  readonly notes: readonly string[];
}

/** What the runner gives an experiment. */
export interface ExperimentContext {
  readonly scale: Scale;
  /** The settings of this scale, with the command line's `--set` overrides applied. */
  readonly settings: unknown;
  readonly seed: number;
  /** Where this experiment's trainings checkpoint (one sub-folder per training); kept between runs. */
  readonly checkpointDir: string;
  /** Where its trained models go (`saveModel`). */
  readonly modelDir: string;
  readonly progress: Progress;
  /**
   * Runs `compute` once and caches its JSON-able result in the checkpoint folder, so a resumed
   * run skips the stages it had finished (data generation, rollouts, evaluations).
   */
  stage<T>(name: string, compute: () => T): T;
  /** Results of the experiments this one `needs`, finished earlier in the run (or reused). */
  readonly previous: Readonly<Record<string, ExperimentResult | undefined>>;
}

/**
 * One experiment of the reproduction. Adding one is a file that exports an `Experiment` and a
 * line in `experiments.ts`.
 */
export interface Experiment {
  readonly id: string;
  readonly title: string;
  /** What the paper reports, to be put beside our measurement. */
  readonly paper: string;
  /** One line on the size of each scale, for the plan. */
  readonly plan: Readonly<Record<Scale, string>>;
  /**
   * The settings of each scale, JSON-able: part of the fingerprint that decides whether a stored
   * result is still valid, and printed in the report.
   */
  readonly settings: Readonly<Record<Scale, unknown>>;
  /**
   * Wall minutes of each scale on one wasm thread of a two-core machine, measured (not a bound):
   * how `--jobs` shares experiments among processes. Missing: the quick figure, else 1.
   */
  readonly minutes?: Readonly<Partial<Record<Scale, number>>>;
  /** Ids of experiments whose results this one reads (they run first). */
  readonly needs?: readonly string[];
  /** Undefined for an experiment not available yet (its plan says why). */
  readonly run?: (context: ExperimentContext) => ExperimentResult | Promise<ExperimentResult>;
}
