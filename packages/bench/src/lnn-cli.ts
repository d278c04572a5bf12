#!/usr/bin/env node
/**
 * LNN costs (issue 5's benchmark): pnpm --filter @lnn/bench bench:lnn [--backend wasm] [--steps 30] [--repetitions 15] [--wrap-angles]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { initBackend, type BackendName } from '@lnn/autodiff';
import { lnnCosts } from './cases/lnn';
import type { Timing } from './timing';

const { values } = parseArgs({
  options: {
    backend: { type: 'string' },
    steps: { type: 'string', default: '30' },
    repetitions: { type: 'string', default: '15' },
    'wrap-angles': { type: 'boolean', default: false },
  },
});
const info = await initBackend(values.backend === undefined ? {} : { backend: values.backend as BackendName });
const r = lnnCosts({ steps: Number(values.steps), repetitions: Number(values.repetitions), wrapAngles: values['wrap-angles'] });
const fmt = (t: Timing) => `${t.median.toFixed(2)} ms | ${t.min.toFixed(2)} ms | ${t.max.toFixed(2)} ms | ${t.repetitions}`;
console.log(`LNN ${r.widths.join('→')}${r.wrapAngles ? ' (angles wrapped)' : ''} on the double pendulum, backend ${info.backend}${info.simd ? ' (SIMD)' : ''}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}`);
console.log('| task | median | min | max | n |');
console.log('|---|---|---|---|---|');
for (const t of r.training) console.log(`| training step (batch ${t.batch}, L1, Adam, pinv) | ${fmt(t.timing)} |`);
for (const a of r.acceleration) console.log(`| accelerations, batch ${a.batch} | ${fmt(a.timing)} |`);
console.log(`| rollout: 40 trajectories, 100 RK4 steps | ${fmt(r.rollout)} |`);
