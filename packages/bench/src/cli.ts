#!/usr/bin/env node
/**
 * `pnpm bench`: the benchmark suite, one command, one report.
 *
 *   pnpm bench [--quick] [--only lnn,baselines] [--backend wasm] (default: $LNN_BACKEND, else wasm) [--out bench-results] [--compare old.json]
 *   pnpm bench --list | --schema
 *
 * Writes `<out>/bench-<mode>-<timestamp>.json` (schema: `--schema`, BENCHMARKS.md), the same as
 * markdown beside it, and `<out>/latest.json` / `latest.md`; prints the table. Relative paths are
 * taken from the directory `pnpm bench` was run in.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BACKEND_NAMES, type BackendName } from '@lnn/autodiff';
import { CASES } from './cases/registry';
import { comparisonMarkdown } from './suite/compare';
import { reportMarkdown } from './suite/markdown';
import { REPORT_SCHEMA, type BenchReport } from './suite/report';
import { runBench } from './suite/run-bench';
import { reportJsonSchema } from './suite/schema';

class UsageError extends Error {}

/** Where the user ran the command (pnpm runs package scripts from the package folder). */
const invokedFrom = process.env.INIT_CWD ?? process.cwd();

function readReport(file: string): BenchReport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--compare: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if ((parsed as { schema?: unknown })?.schema !== REPORT_SCHEMA) throw new UsageError(`--compare: ${file} is not an lnn benchmark report (no "schema": "${REPORT_SCHEMA}").`);
  return parsed as BenchReport;
}

/** Writes through a temporary name and a rename: a stopped run never leaves half a file. */
function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      backend: { type: 'string' },
      out: { type: 'string', default: 'bench-results' },
      compare: { type: 'string' },
      list: { type: 'boolean', default: false },
      schema: { type: 'boolean', default: false },
    },
  });
  if (values.schema) {
    console.log(JSON.stringify(reportJsonSchema, null, 2));
    return;
  }
  if (values.list) {
    for (const c of CASES) console.log(`${c.id.padEnd(10)} ${c.title}\n${' '.repeat(11)}${c.description}`);
    return;
  }
  if (values.backend !== undefined && !(BACKEND_NAMES as readonly string[]).includes(values.backend)) {
    throw new UsageError(`--backend must be one of ${BACKEND_NAMES.join(', ')}, received '${values.backend}'.`);
  }
  const wanted = values.only?.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const unknown = wanted?.filter((id) => !CASES.some((c) => c.id === id)) ?? [];
  if (unknown.length > 0) throw new UsageError(`--only: unknown case ${unknown.map((u) => `'${u}'`).join(', ')}; cases are ${CASES.map((c) => c.id).join(', ')}.`);
  const before = values.compare === undefined ? undefined : readReport(path.resolve(invokedFrom, values.compare));

  const cases = wanted === undefined ? CASES : CASES.filter((c) => wanted.includes(c.id));
  const command = ['pnpm bench', ...process.argv.slice(2)].join(' ');
  const report = await runBench({ cases, quick: values.quick, ...(values.backend === undefined ? {} : { backend: values.backend as BackendName }), command, log: (m) => console.error(m) });

  const out = path.resolve(invokedFrom, values.out);
  mkdirSync(out, { recursive: true });
  const stamp = report.createdAt.replace(/[:.]/g, '-');
  const base = path.join(out, `bench-${report.mode}-${stamp}`);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const markdown = reportMarkdown(report);
  writeAtomic(`${base}.json`, json);
  writeAtomic(`${base}.md`, markdown);
  writeAtomic(path.join(out, 'latest.json'), json);
  writeAtomic(path.join(out, 'latest.md'), markdown);
  console.log(markdown);
  if (before !== undefined) console.log(comparisonMarkdown(before, report));
  console.error(`wrote ${base}.json and .md (and latest.json / latest.md)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError ? `pnpm bench: ${error.message}` : error);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
