#!/usr/bin/env node
/**
 * Lagrangian graph network costs (issue 7's benchmark): acceleration time against n on a ring,
 * sparse path and dense path. pnpm --filter @lnn/bench bench:graph [--backend wasm] [--repetitions 10] [--hidden 32,32] [--dense-up-to 1000]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { initBackend, type BackendName } from '@lnn/autodiff';
import { graphLagrangianCosts } from './cases/graph-lagrangian';
import type { Timing } from './timing';

const { values } = parseArgs({
  options: {
    backend: { type: 'string' },
    repetitions: { type: 'string', default: '10' },
    hidden: { type: 'string', default: '32,32' },
    'dense-up-to': { type: 'string', default: '1000' },
  },
});
const info = await initBackend(values.backend === undefined ? {} : { backend: values.backend as BackendName });
const hidden = values.hidden.split(',').map(Number);
const r = graphLagrangianCosts({ hidden, repetitions: Number(values.repetitions), denseUpTo: Number(values['dense-up-to']) });
const fmt = (t: Timing | undefined) => (t === undefined ? '— | —' : `${t.median.toFixed(2)} ms | ${t.min.toFixed(2)}–${t.max.toFixed(2)} ms (${t.repetitions})`);
console.log(`Lagrangian graph network, ring, density 6→${hidden.join('→')}→1, batch 1, backend ${info.backend}${info.simd ? ' (SIMD)' : ''}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}`);
console.log('| n | sparse median | sparse min–max (runs) | dense median | dense min–max (runs) | dense / sparse | max rel. difference |');
console.log('|---|---|---|---|---|---|---|');
for (const row of r.rows) {
  const ratio = row.dense === undefined ? '—' : `${(row.dense.median / row.sparse.median).toFixed(0)}×`;
  const diff = row.agreement === undefined ? '—' : row.agreement.toExponential(1);
  console.log(`| ${row.n.toLocaleString('en')} | ${fmt(row.sparse)} | ${fmt(row.dense)} | ${ratio} | ${diff} |`);
}
const [a, b] = r.rows.slice(-2);
const upper = a !== undefined && b !== undefined ? Math.log(b.sparse.median / a.sparse.median) / Math.log(b.n / a.n) : Number.NaN;
console.log(`\nsparse path, log-log slope of time against n: ${r.slope.toFixed(3)} over all sizes, ${upper.toFixed(3)} over the last decade (linear = 1; issue 7 asks ≤ 1.15)`);
