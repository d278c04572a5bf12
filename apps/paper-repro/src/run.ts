import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { currentBackend, version as autodiffVersion } from '@lnn/autodiff';
import { version as baselinesVersion } from '@lnn/baselines';
import { version as lagrangianVersion } from '@lnn/lagrangian';
import { version as odeVersion } from '@lnn/ode';
import { version as systemsVersion } from '@lnn/systems';
import type { Experiment, ExperimentContext, ExperimentResult, Scale } from './experiment';
import { EXPERIMENTS } from './experiments';
import { readJson, writeJson } from './json';
import { applyOverrides, type SettingOverride } from './settings-override';
import type { Progress } from './progress';
import { plottingVersions } from './report/figures';
import { writeReport, type ReportEntry, type RunInfo } from './report/write-report';
import { version } from './version';

/** Options of {@link runRepro}. */
export interface RunOptions {
  readonly scale: Scale;
  readonly seed: number;
  /** Experiments asked for, in plan order (the ones they need are added). */
  readonly only: readonly string[];
  /** Absolute output folder. */
  readonly out: string;
  /** Recompute the selected experiments from scratch, deleting their checkpoints. */
  readonly rerun: boolean;
  readonly progress: Progress;
  /** The command as the user typed it, for the report. */
  readonly command: string;
  /** The registry (tests pass their own). @default EXPERIMENTS */
  readonly experiments?: readonly Experiment[];
  /** `--set` overrides of experiments' settings. @default none */
  readonly overrides?: readonly SettingOverride[];
  /**
   * Compute nothing: report the stored results, and count a selected experiment without one as
   * failed with this reason (the pass after `--jobs` lanes, which computed them). @default undefined
   */
  readonly reuseOnly?: { readonly reason: (id: string) => string };
  /** Write REPORT.md, metrics.json and figures (a lane of `--jobs` does not). @default true */
  readonly report?: boolean;
  /** When the run began (ms since the epoch), for the report's start and wall time — before the lanes, with `--jobs`. @default now */
  readonly startedAt?: number;
  /** For the report: the processes the experiments ran in, and the wasm threads of each. @default this one */
  readonly lanes?: { readonly processes: number; readonly threads: number };
}

/** What {@link runRepro} returns. */
export interface RunOutcome {
  readonly entries: readonly ReportEntry[];
  readonly failed: readonly string[];
  readonly wallSeconds: number;
}

/** The key of a run's stored results: scale, seed and backend. */
const runKey = (scale: Scale, seed: number, backend: string) => `${scale}-seed${seed}-${backend}`;

/** What a stored result must match to be reused: the run's key and the experiment's settings. */
function fingerprintOf(experiment: Experiment, options: Pick<RunOptions, 'scale' | 'seed' | 'overrides'>, backend: string): { settings: unknown; fingerprint: string } {
  const settings = applyOverrides(experiment.settings[options.scale], options.overrides ?? [], experiment.id, options.scale);
  return { settings, fingerprint: JSON.stringify({ key: runKey(options.scale, options.seed, backend), settings }) };
}

/** Ids of the experiments whose stored results in `out` a run with these options would reuse. */
export function completeExperiments(options: Pick<RunOptions, 'scale' | 'seed' | 'overrides' | 'out' | 'experiments'>, backend: string): Set<string> {
  const complete = new Set<string>();
  for (const experiment of options.experiments ?? EXPERIMENTS) {
    const stored = readJson(path.join(options.out, 'experiments', `${experiment.id}.json`)) as StoredResult | undefined;
    if (stored !== undefined && stored.fingerprint === fingerprintOf(experiment, options, backend).fingerprint) complete.add(experiment.id);
  }
  return complete;
}

/** What `<out>/experiments/<id>.json` holds. */
interface StoredResult {
  readonly fingerprint: string;
  readonly wallSeconds: number;
  readonly result: ExperimentResult;
}

const gitCommit = (): string | undefined => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
};

/** The selected experiments and, before them, every experiment they need, in registry order. */
export function withDependencies(registry: readonly Experiment[], only: readonly string[]): Experiment[] {
  const wanted = new Set<string>();
  const add = (id: string) => {
    if (wanted.has(id)) return;
    wanted.add(id);
    for (const need of registry.find((e) => e.id === id)?.needs ?? []) add(need);
  };
  only.forEach(add);
  return registry.filter((e) => wanted.has(e.id));
}

/** `ExperimentContext.stage`: each stage's JSON-able value cached in `<checkpointDir>/stages/<name>.json`. */
function cachedStage(checkpointDir: string): ExperimentContext['stage'] {
  return <T>(name: string, compute: () => T): T => {
    const file = path.join(checkpointDir, 'stages', `${name}.json`);
    const cached = readJson(file) as { value: T } | undefined;
    if (cached !== undefined) return cached.value;
    const value = compute();
    writeJson(file, { value });
    return value;
  };
}

/** What the report says about the run: command, scale, seed, backend, versions, start, wall time, commit. */
function runInfo(options: RunOptions, backend: string, started: number, wallSeconds: number): RunInfo {
  const info = currentBackend();
  const commit = gitCommit();
  const threads = options.lanes?.threads ?? info?.threads;
  const plural = (n: number, word: string) => `${n} ${n === 1 ? word : word.endsWith('s') ? `${word}es` : `${word}s`}`;
  return {
    command: options.command,
    scale: options.scale,
    seed: options.seed,
    backend: `${backend}${info?.simd === undefined ? '' : info.simd ? ' (SIMD)' : ' (no SIMD)'}${threads === undefined ? '' : `, ${plural(threads, 'thread')}`}${options.lanes === undefined ? '' : ` in each of ${plural(options.lanes.processes, 'process')} side by side (--jobs)`}`,
    versions: {
      '@lnn/paper-repro': version,
      '@lnn/autodiff': autodiffVersion,
      '@lnn/ode': odeVersion,
      '@lnn/systems': systemsVersion,
      '@lnn/lagrangian': lagrangianVersion,
      '@lnn/baselines': baselinesVersion,
      '@tensorflow/tfjs-core': tf.version_core,
      ...plottingVersions,
      node: process.version,
    },
    startedAt: new Date(started).toISOString(),
    wallSeconds,
    ...(commit === undefined ? {} : { commit }),
  };
}

/**
 * Runs the selected experiments into `out` and writes the report. An experiment whose stored
 * result has the same scale, seed, backend and settings is reused, not rerun (unless `rerun`);
 * an interrupted one resumes from its checkpoints (`<out>/checkpoints/<id>/<key>/`): finished
 * trainings and stages are read back, a training cut short continues from its last checkpoint.
 */
export async function runRepro(options: RunOptions): Promise<RunOutcome> {
  const started = options.startedAt ?? Date.now();
  const registry = options.experiments ?? EXPERIMENTS;
  const backend = currentBackend()?.backend ?? tf.getBackend();
  const key = runKey(options.scale, options.seed, backend);
  const selected = withDependencies(registry, options.only);
  const asked = new Set(options.only);
  const results: Record<string, ExperimentResult | undefined> = {};
  const entries: ReportEntry[] = [];
  const failed: string[] = [];
  const { progress } = options;

  for (const experiment of registry) {
    const { settings, fingerprint } = fingerprintOf(experiment, options, backend);
    const resultFile = path.join(options.out, 'experiments', `${experiment.id}.json`);
    const stored = readJson(resultFile) as StoredResult | undefined;
    const base = { id: experiment.id, title: experiment.title, paper: experiment.paper, settings };
    const storedValid = stored !== undefined && stored.fingerprint === fingerprint;
    const isSelected = selected.includes(experiment);
    if (!isSelected || experiment.run === undefined) {
      if (experiment.run === undefined) entries.push({ ...base, missing: `not available yet — ${experiment.plan[options.scale]}` });
      else if (storedValid) {
        results[experiment.id] = stored.result;
        entries.push({ ...base, result: stored.result, wallSeconds: stored.wallSeconds, reused: true });
      } else entries.push({ ...base, missing: 'not selected in this run (--only)' });
      continue;
    }
    const checkpointDir = path.join(options.out, 'checkpoints', experiment.id, key);
    if (storedValid && (options.reuseOnly !== undefined || !(options.rerun && asked.has(experiment.id)))) {
      if (options.reuseOnly === undefined) progress.log(`■ ${experiment.title}: complete in ${path.relative(process.cwd(), resultFile) || resultFile}, reused (--rerun to recompute)`);
      results[experiment.id] = stored.result;
      entries.push({ ...base, result: stored.result, wallSeconds: stored.wallSeconds, reused: true });
      continue;
    }
    if (options.reuseOnly !== undefined) {
      const reason = options.reuseOnly.reason(experiment.id);
      progress.log(`■ ${experiment.title}: FAILED — ${reason}`);
      failed.push(experiment.id);
      entries.push({ ...base, missing: `failed: ${reason}` });
      continue;
    }
    if (options.rerun && asked.has(experiment.id) && existsSync(checkpointDir)) rmSync(checkpointDir, { recursive: true, force: true });
    const resuming = existsSync(checkpointDir);
    progress.log(`■ ${experiment.title}${resuming ? ' — resuming from its checkpoints' : ''}`);
    const context: ExperimentContext = {
      scale: options.scale,
      settings,
      seed: options.seed,
      checkpointDir,
      modelDir: path.join(options.out, 'models', experiment.id),
      progress,
      previous: results,
      stage: cachedStage(checkpointDir),
    };
    const t0 = Date.now();
    try {
      const result = await experiment.run(context);
      const wallSeconds = (Date.now() - t0) / 1000;
      writeJson(resultFile, { fingerprint, wallSeconds, result } satisfies StoredResult);
      results[experiment.id] = result;
      entries.push({ ...base, result, wallSeconds, reused: false });
      progress.log(`  done in ${wallSeconds.toFixed(1)} s`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      progress.log(`  FAILED: ${message}`);
      if (error instanceof Error && error.stack !== undefined && process.env.LNN_REPRO_DEBUG) progress.log(error.stack);
      failed.push(experiment.id);
      entries.push({ ...base, missing: `failed: ${message}` });
    }
  }

  const wallSeconds = (Date.now() - started) / 1000;
  const run = runInfo(options, backend, started, wallSeconds);
  if (options.report ?? true) await writeReport(options.out, run, entries);
  return { entries, failed, wallSeconds };
}
