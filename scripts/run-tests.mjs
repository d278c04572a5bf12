#!/usr/bin/env node
// `pnpm test`: runs every package's tests through turbo (which builds what they need first), then
// adds up the vitest reports into one closing line, "tests: N passed, M failed". Extra arguments go
// to turbo (e.g. `pnpm test --filter @lnn/autodiff`). `LNN_THREADS=1 pnpm test` runs the suite on
// the single-threaded wasm build.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { root, workspacePackages } from './workspace.mjs';

const tested = workspacePackages().filter((p) => p.manifest.scripts?.test);
for (const p of tested) rmSync(path.join(p.folder, '.test-results'), { recursive: true, force: true });

// The wasm backend runs a thread per core by default, and its pool spin-waits: several packages
// tested at once on the same cores slow each other down many times over (tests timed out). So with
// threads on, packages are tested one at a time (each on every core); with LNN_THREADS=1, at once.
const extra = process.argv.slice(2);
const threaded = process.env.LNN_THREADS !== '1';
const concurrency = threaded && !extra.some((a) => a.startsWith('--concurrency')) ? ['--concurrency=1'] : [];
const turbo = spawnSync('pnpm', ['exec', 'turbo', 'run', 'test', '--continue', ...concurrency, ...extra], {
  cwd: root,
  stdio: 'inherit',
});

let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];
// Lines a package's tests want read (e.g. why a test was skipped), from .test-results/notices.txt.
const notices = [];
for (const p of tested) {
  const noticeFile = path.join(p.folder, '.test-results', 'notices.txt');
  if (existsSync(noticeFile)) notices.push(...readFileSync(noticeFile, 'utf8').split('\n').filter((line) => line.trim() !== ''));
  const report = path.join(p.folder, '.test-results', 'vitest.json');
  if (!existsSync(report)) {
    rows.push(`  ${p.manifest.name}: no report (did not run)`);
    continue;
  }
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const pkgSkipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += pkgSkipped;
  if (r.numTotalTests === 0) failed += 1; // a package whose test command ran no test is a failure
  rows.push(`  ${p.manifest.name}: ${r.numPassedTests} passed, ${r.numFailedTests} failed${pkgSkipped ? `, ${pkgSkipped} skipped` : ''}`);
}
const filtered = process.argv.length > 2;
const missing = rows.filter((r) => r.endsWith('(did not run)')).length;
if (missing > 0 && !filtered) failed += missing;

console.log(`\nTest results by package:\n${rows.join('\n')}`);
if (notices.length > 0) console.log(`\n${notices.join('\n')}`);
const status = turbo.status ?? 1;
if (status !== 0 && failed === 0) failed = 1; // turbo failed outside a test (a build, a crash)
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = status !== 0 || failed > 0 ? 1 : 0;
