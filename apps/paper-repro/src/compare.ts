#!/usr/bin/env node
/**
 * `pnpm --filter @lnn/paper-repro compare <a> <b> [--only <ids>]`: are two runs' numbers the same?
 * Reads `metrics.json` of two `--out` folders (or two metrics files) and compares every experiment's
 * settings and metrics leaf by leaf, numbers under `Object.is` (bit for bit; NaN equals NaN), leaving
 * out what legitimately differs between runs: wall times, start times, commits, reuse flags. Prints
 * each difference and a closing count; exits 1 when any leaf differs. It is how "the refactored code
 * reproduces the committed results" is checked (see the README).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { compareValues } from './compare-values';
import { readJson } from './json';

function metricsOf(where: string): { experiments: Record<string, unknown> } {
  const file = existsSync(where) && statSync(where).isDirectory() ? path.join(where, 'metrics.json') : where;
  const metrics = readJson(file) as { experiments?: Record<string, unknown> } | undefined;
  if (metrics?.experiments === undefined) throw new Error(`compare: ${file} is not a metrics.json written by pnpm repro (no "experiments").`);
  return { experiments: metrics.experiments };
}

function main(): void {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { only: { type: 'string' } } });
  if (positionals.length !== 2) throw new Error(`compare: expected two folders or metrics files, received ${positionals.length} (usage: compare <a> <b> [--only id,id]).`);
  const [a, b] = positionals.map(metricsOf) as [ReturnType<typeof metricsOf>, ReturnType<typeof metricsOf>];
  const ids = values.only?.split(',') ?? Object.keys(a.experiments);
  let leaves = 0;
  let differing = 0;
  for (const id of ids) {
    if (!(id in a.experiments) || !(id in b.experiments)) {
      console.log(`${id}: not in both runs`);
      differing += 1;
      continue;
    }
    const result = compareValues(a.experiments[id], b.experiments[id], id);
    leaves += result.leaves;
    differing += result.differences.length;
    for (const d of result.differences.slice(0, 20)) console.log(`${d.path}: ${JSON.stringify(d.a)} vs ${JSON.stringify(d.b)}`);
    console.log(`${id}: ${result.leaves} values, ${result.differences.length} differ`);
  }
  console.log(`${ids.length} experiments, ${leaves} values compared, ${differing} differ`);
  process.exitCode = differing === 0 ? 0 : 1;
}

try {
  main();
} catch (error: unknown) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
}
