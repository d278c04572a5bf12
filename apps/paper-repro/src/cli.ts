#!/usr/bin/env node
/**
 * `pnpm repro`: the command users run first. Runs the paper's experiments (quick by default,
 * `--long` longer, `--full` at the paper's scale), resuming an interrupted run from its checkpoints, and writes
 * REPORT.md, metrics.json, figures and trained models into `--out`.
 */
import path from 'node:path';
import { initBackend } from '@lnn/autodiff';
import { EXPERIMENTS } from './experiments';
import { parseReproArgs, USAGE } from './options';
import { createProgress } from './progress';
import { runRepro } from './run';
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
  const threads = info.threads === undefined ? '' : `, ${info.threads} thread${info.threads === 1 ? '' : 's'}${info.threadsFallback === undefined ? '' : ` (threaded build unavailable: ${info.threadsFallback})`}`;
  console.log(`backend: ${info.backend}${simd}${threads}, tfjs-core ${info.tfjsVersion}; seed ${options.seed}; output: ${out}/`);
  for (const skipped of info.passedOver) console.log(`  passed over ${skipped.backend}: ${skipped.reason}`);
  console.log('\nPlan:');
  for (const [i, e] of EXPERIMENTS.filter((x) => options.only.includes(x.id)).entries()) {
    console.log(`  ${i + 1}. ${e.title} [${e.id}]${e.run === undefined ? ' — not available yet' : ''}`);
    console.log(`     paper: ${e.paper}`);
    console.log(`     this run: ${e.plan[scale]}`);
  }
  if (options.dryRun) return 0;
  console.log('');
  const command = env_command(argv);
  const outcome = await runRepro({ scale, seed: options.seed, only: options.only, out, rerun: options.rerun, progress: createProgress(), command, overrides: options.overrides });
  console.log(`\nReport: ${path.join(out, 'REPORT.md')} (wall time ${(outcome.wallSeconds / 60).toFixed(1)} min)`);
  if (outcome.failed.length > 0) {
    console.error(`repro: ${outcome.failed.length} experiment(s) failed: ${outcome.failed.join(', ')} (see REPORT.md; rerun to resume)`);
    return 1;
  }
  return 0;
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
