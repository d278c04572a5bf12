#!/usr/bin/env node
/**
 * Issue 19's benchmark: accelerations of an EdgeGraphLagrangian against n on the 5-point periodic
 * grid and a triangulated disc (spring network), ~10³ … 10⁶ nodes, sparse slope beside the dense one.
 * pnpm --filter @lnn/bench bench:graph-scaling [--kind grid|mesh|both] [--min-nodes 0] [--max-nodes 1000000] [--no-dense] [--hidden 32,32] [--repetitions 5] [--backend wasm]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { initBackend, type BackendName } from '@lnn/autodiff';
import { DENSE_SIZES, graphScalingCosts, SCALING_SIZES, type ScalingKind } from './cases/graph-scaling';
import type { WallAndCpu } from './cases/graph-scaling';

const { values } = parseArgs({
  options: {
    backend: { type: 'string' },
    kind: { type: 'string', default: 'both' },
    'min-nodes': { type: 'string', default: '0' },
    'max-nodes': { type: 'string', default: '1000000' },
    'no-dense': { type: 'boolean', default: false },
    hidden: { type: 'string', default: '32,32' },
    repetitions: { type: 'string', default: '5' },
  },
});
const info = await initBackend(values.backend === undefined ? {} : { backend: values.backend as BackendName });
const hidden = values.hidden.split(',').map(Number);
const kinds: ScalingKind[] = values.kind === 'both' ? ['grid', 'mesh'] : [values.kind as ScalingKind];
const maxNodes = Number(values['max-nodes']);
const approxNodes = (kind: ScalingKind, s: number) => (kind === 'grid' ? s * s : Math.PI * s * s);
const fmt = (t: WallAndCpu | undefined) => (t === undefined ? '— | —' : `${t.cpu.median.toFixed(1)} ms | ${t.wall.median.toFixed(1)} ms (${t.cpu.repetitions})`);
console.log(`EdgeGraphLagrangian, hidden ${hidden.join('→')}, batch 1, backend ${info.backend}${info.simd ? ' (SIMD)' : ''}, threads ${process.env.LNN_THREADS ?? 'default'}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}`);
for (const kind of kinds) {
  const sizes = SCALING_SIZES[kind].filter((s) => approxNodes(kind, s) <= maxNodes * 1.05 && approxNodes(kind, s) >= Number(values['min-nodes']));
  const denseSizes = values['no-dense'] ? [] : DENSE_SIZES[kind];
  const r = graphScalingCosts(kind, { sizes, denseSizes, hidden, repetitions: Number(values.repetitions), log: (m) => console.error(m) });
  console.log(`\n${kind}\n| nodes | coordinates | edges | sparse CPU median | sparse wall median (runs) | dense CPU | dense wall (runs) | max rel. difference | solver choice | setup (wall) |`);
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const row of r.rows) {
    console.log(`| ${row.nodes.toLocaleString('en')} | ${row.dof.toLocaleString('en')} | ${row.edges.toLocaleString('en')} | ${fmt(row.sparse)} | ${fmt(row.dense)} | ${row.agreement === undefined ? '—' : row.agreement.toExponential(1)} | ${row.choice} | ${row.setupSeconds.toFixed(1)} s |`);
  }
  console.log(`\n${kind}: log-log slope of CPU time, sparse ${r.slope.toFixed(3)} over all sizes, ${r.slopeLargest.toFixed(3)} over the two largest (target ≤ 1.15); dense ${r.denseSlope.toFixed(3)}`);
}
