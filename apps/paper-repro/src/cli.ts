#!/usr/bin/env node
/**
 * `pnpm repro`: the command users run first. Runs the paper's experiments (quick by default,
 * `--long` longer, `--full` at the paper's scale), resuming an interrupted run from its checkpoints, and writes
 * REPORT.md, metrics.json, figures and trained models into `--out`.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { initBackend } from '@lnn/autodiff';
import { EXPERIMENTS } from './experiments';
import { planLanes, runLanes } from './lanes';
import { parseReproArgs, USAGE, type ReproOptions } from './options';
import { createProgress } from './progress';
import { completeExperiments, runRepro, withDependencies } from './run';
import { version } from './version';

/**
 * The folder relative paths are taken from: the one the user ran `pnpm repro` in (pnpm runs the
 * script in the package's folder and passes the original one as INIT_CWD), else the working folder.
 */
export function userDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env.npm_lifecycle_event !== undefined && env.INIT_CWD ? env.INIT_CWD : process.cwd();
}

async function main(argv: readonly string[]): Promise<number> {
  let options;
  try {
    options = parseReproArgs(argv);
  } catch (error) {
    console.error(`repro: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  // LNN_REPRO_SCALE=test: the miniature the unit tests run (seconds), for debugging the pipeline.
  const scale = process.env.LNN_REPRO_SCALE === 'test' ? 'test' : options.scale;
  const out = path.resolve(userDirectory(), options.out);
  const info = await initBackend(options.backend === undefined ? {} : { backend: options.backend });
  const simd = info.simd === undefined ? '' : info.simd ? ' (SIMD)' : ' (no SIMD)';
  console.log(`lnn paper reproduction ${version} — ${{ test: 'test (miniature)', quick: 'quick', long: 'long', full: 'full (paper scale)' }[scale]} mode`);
  for (const o of options.overrides) console.log(`setting changed: ${o.experiment}.${o.path.join('.')} = ${JSON.stringify(o.value)}`);
  const threadText = info.threads === undefined ? '' : `, ${info.threads} thread${info.threads === 1 ? '' : 's'}${info.threadsFallback === undefined ? '' : ` (threaded build unavailable: ${info.threadsFallback})`}`;
  console.log(`backend: ${info.backend}${simd}${threadText}, tfjs-core ${info.tfjsVersion}; seed ${options.seed}; output: ${out}/`);
  for (const skipped of info.passedOver) console.log(`  passed over ${skipped.backend}: ${skipped.reason}`);
  const lane = process.env.LNN_REPRO_LANE; // set by the parent of a --jobs run: compute, write no report
  if (lane === undefined) {
    console.log('\nPlan:');
    for (const [i, e] of EXPERIMENTS.filter((x) => options.only.includes(x.id)).entries()) {
      console.log(`  ${i + 1}. ${e.title} [${e.id}]${e.run === undefined ? ' — not available yet' : ''}`);
      console.log(`     paper: ${e.paper}`);
      console.log(`     this run: ${e.plan[scale]}`);
    }
  }
  const backend = info.backend;
  const jobs = lane !== undefined ? 1 : (options.jobs ?? (availableParallelism() >= 2 && (backend === 'wasm' || backend === 'cpu') ? 2 : 1));
  const selected = withDependencies(EXPERIMENTS, options.only).map((e) => e.id);
  const lanes = jobs > 1 ? planLanes(EXPERIMENTS, selected, jobs, scale, options.rerun ? new Set() : completeExperiments({ scale, seed: options.seed, overrides: options.overrides, out }, backend)) : [];
  const threads = Number(process.env.LNN_THREADS) || Math.max(1, Math.floor(availableParallelism() / Math.max(1, lanes.length)));
  if (lanes.length > 1) {
    console.log(`\nProcesses (--jobs ${jobs}), ${threads} wasm thread${threads === 1 ? '' : 's'} each:`);
    for (const [k, l] of lanes.entries()) console.log(`  lane ${k + 1}: ${l.ids.join(', ')} (≈ ${Math.round(l.minutes)} min on one thread)`);
  }
  if (options.dryRun) return 0;
  console.log('');
  const command = env_command(argv);
  const progress = createProgress();
  const startedAt = Date.now();
  let outcome;
  if (lanes.length > 1) {
    // A lane is given the experiments asked for (it adds what they need, as a run in one process would).
    const asked = lanes.map((l) => ({ ...l, ids: l.ids.filter((id) => options.only.includes(id)) }));
    const { outcomes, interrupted } = await runLanes(asked, {
      command: [process.execPath, process.argv[1] as string, ...laneArguments(options, out)],
      env: { ...process.env, LNN_THREADS: String(threads) },
      write: (line) => console.log(line),
    });
    if (interrupted !== undefined) {
      console.error(`repro: interrupted (${interrupted}); run the same command again to resume from the checkpoints.`);
      return 130;
    }
    const laneOf = (id: string) => outcomes.find((o) => o.lane.ids.includes(id));
    const reason = (id: string) => {
      const o = laneOf(id);
      return o === undefined ? 'not computed' : `not completed by its process (lane ${outcomes.indexOf(o) + 1}, which ${o.signal === null ? `exited with code ${String(o.code)}` : `was ended by ${o.signal}`}; its lines above say why)`;
    };
    console.log('');
    outcome = await runRepro({ scale, seed: options.seed, only: options.only, out, rerun: false, progress, command, overrides: options.overrides, reuseOnly: { reason }, lanes: { processes: lanes.length, threads }, startedAt });
  } else {
    outcome = await runRepro({ scale, seed: options.seed, only: options.only, out, rerun: options.rerun, progress, command, overrides: options.overrides, report: lane === undefined });
  }
  if (lane === undefined) console.log(`\nReport: ${path.join(out, 'REPORT.md')} (wall time ${(outcome.wallSeconds / 60).toFixed(1)} min)`);
  if (outcome.failed.length > 0) {
    console.error(`repro: ${outcome.failed.length} experiment(s) failed: ${outcome.failed.join(', ')} (see REPORT.md; rerun to resume)`);
    return 1;
  }
  return 0;
}

/** The options a lane of `--jobs` runs with (its `--only` is appended by runLanes): this run's, in one process. */
function laneArguments(options: ReproOptions, out: string): string[] {
  return [
    ...(options.scale === 'long' ? ['--long'] : options.scale === 'full' ? ['--full'] : []),
    ...['--seed', String(options.seed), '--out', out, '--jobs', '1'],
    ...(options.backend === undefined ? [] : ['--backend', options.backend]),
    ...options.overrides.flatMap((o) => ['--set', `${o.experiment}.${o.path.join('.')}=${JSON.stringify(o.value)}`]),
    ...(options.rerun ? ['--rerun'] : []),
  ];
}

/** The command as typed: `pnpm repro …` when run through pnpm, else `lnn-repro …`. */
function env_command(argv: readonly string[]): string {
  const quoted = argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`));
  return [process.env.npm_lifecycle_event === 'repro' ? 'pnpm repro' : 'lnn-repro', ...quoted].join(' ');
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`repro: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
