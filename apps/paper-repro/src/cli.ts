#!/usr/bin/env node
/**
 * `pnpm repro`: the command users run first. At this stage it validates its options, starts the
 * chosen backend and prints the plan of experiments; the experiments themselves arrive with issue 9.
 */
import { initBackend } from '@lnn/autodiff';
import { EXPERIMENTS } from './experiments';
import { parseReproArgs, USAGE } from './options';
import { version } from './version';

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
  const info = await initBackend(options.backend === undefined ? {} : { backend: options.backend });
  const simd = info.simd === undefined ? '' : info.simd ? ' (SIMD)' : ' (no SIMD)';
  console.log(`lnn paper reproduction ${version} — ${options.full ? 'full (paper scale)' : 'quick'} mode`);
  console.log(`backend: ${info.backend}${simd}, tfjs-core ${info.tfjsVersion}; seed ${options.seed}; output: ${options.out}/`);
  for (const skipped of info.passedOver) console.log(`  passed over ${skipped.backend}: ${skipped.reason}`);
  console.log('\nPlan:');
  for (const [i, e] of EXPERIMENTS.filter((x) => options.only.includes(x.id)).entries()) {
    console.log(`  ${i + 1}. ${e.title} [${e.id}]`);
    console.log(`     paper: ${e.paper}`);
    console.log(`     this run: ${options.full ? e.full : e.quick}`);
  }
  console.log('\nThe experiments are not implemented yet (issue 9): this run only printed the plan.');
  return 0;
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
