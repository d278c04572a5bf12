#!/usr/bin/env node
/**
 * Ground-truth speed (issue 4's benchmark): pnpm --filter @lnn/bench bench:systems [--samples 600000] [--repetitions 3]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { groundTruth } from './cases/ground-truth';

const { values } = parseArgs({ options: { samples: { type: 'string', default: '600000' }, repetitions: { type: 'string', default: '3' } } });
const result = groundTruth({ samples: Number(values.samples), repetitions: Number(values.repetitions) });
const cpu = os.cpus()[0]?.model ?? 'CPU';
console.log(`float64 ground truth, node ${process.version}, ${os.cpus().length} × ${cpu}, median of ${values.repetitions}`);
console.log('| task | median | min | max | work |');
console.log('|---|---|---|---|---|');
const d = result.dataset;
console.log(
  `| ${result.samples.toLocaleString('en')} double-pendulum samples (states + accelerations) | ${d.median.toFixed(0)} ms | ${d.min.toFixed(0)} ms | ${d.max.toFixed(0)} ms | ${((result.samples / d.median) * 1000).toExponential(2)} samples/s |`,
);
for (const r of result.rollouts) {
  const t = r.timing;
  console.log(
    `| 40 trajectories, t ∈ [0, 100], DOPRI5 rtol = atol = ${r.tolerance} | ${t.median.toFixed(0)} ms | ${t.min.toFixed(0)} ms | ${t.max.toFixed(0)} ms | ${r.steps.toLocaleString('en')} steps, ${r.evaluations.toLocaleString('en')} evaluations |`,
  );
}
