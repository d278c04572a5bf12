#!/usr/bin/env node
/**
 * Jet path vs general path for a softplus MLP (issue 3's benchmark):
 *   pnpm --filter @lnn/bench bench:jets [--backend wasm] [--batch 32] [--repetitions 5]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { initBackend, type BackendName } from '@lnn/autodiff';
import { jetVsGeneral } from './cases/jet-vs-general';
import type { Timing } from './timing';

const { values } = parseArgs({
  options: {
    backend: { type: 'string' },
    batch: { type: 'string', default: '32' },
    repetitions: { type: 'string', default: '15' },
    widths: { type: 'string', default: '4,500,500,500,1' },
  },
});
const info = await initBackend(values.backend === undefined ? {} : { backend: values.backend as BackendName });
const widths = values.widths.split(',').map(Number);
const result = jetVsGeneral({ widths, batch: Number(values.batch), repetitions: Number(values.repetitions) });
const fmt = (t: Timing) => `${t.median.toFixed(1)} ms (min ${t.min.toFixed(1)}, max ${t.max.toFixed(1)})`;
console.log(
  `softplus MLP ${widths.join('→')}, batch ${result.batch}, backend ${info.backend}${info.simd ? ' (SIMD)' : ''}, ` +
    `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, median of ${values.repetitions}, jet and general runs alternating`,
);
console.log(`| task | jet path | general path | jet speed-up |`);
console.log(`|---|---|---|---|`);
console.log(`| Hessian [B, D, D] | ${fmt(result.hessian.jet)} | ${fmt(result.hessian.general)} | ${result.hessian.speedup.toFixed(2)}× |`);
console.log(
  `| weight gradient of a loss of the Hessian | ${fmt(result.weightGradient.jet)} | ${fmt(result.weightGradient.general)} | ${result.weightGradient.speedup.toFixed(2)}× |`,
);
