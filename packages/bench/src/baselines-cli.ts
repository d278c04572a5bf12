#!/usr/bin/env node
/**
 * Training step of the LNN and every baseline (issue 6's benchmark):
 * pnpm --filter @lnn/bench bench:baselines [--backend wasm] [--rounds 6]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { initBackend, type BackendName } from '@lnn/autodiff';
import { baselineSteps } from './cases/baselines';

const { values } = parseArgs({ options: { backend: { type: 'string' }, rounds: { type: 'string', default: '6' } } });
const info = await initBackend(values.backend === undefined ? {} : { backend: values.backend as BackendName });
const rows = baselineSteps({ rounds: Number(values.rounds) });
console.log(`Training step, batch 32, double pendulum, hidden 500-500-500, backend ${info.backend}${info.simd ? ' (SIMD)' : ''}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}`);
console.log('| model | kind | parameters | median | min | max | n | × LNN |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const t = r.step;
  console.log(`| ${r.name} | ${r.kind} | ${r.parameters.toLocaleString('en')} | ${t.median.toFixed(2)} ms | ${t.min.toFixed(2)} ms | ${t.max.toFixed(2)} ms | ${t.repetitions} | ${r.relativeToLnn.toFixed(2)} |`);
}
