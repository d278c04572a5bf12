import type { BenchRecord, BenchReport } from './report';

/** A figure as text: ms with sensible digits, ratios as ×, slopes and rates plain. */
export function formatValue(record: Pick<BenchRecord, 'unit' | 'value'>): string {
  const { unit, value } = record;
  if (unit === 'ms') return value >= 100 ? `${value.toFixed(0)} ms` : value >= 10 ? `${value.toFixed(1)} ms` : `${value.toFixed(2)} ms`;
  if (unit === 'x') return `${value.toFixed(2)}×`;
  if (unit === 'per-second') return `${value.toExponential(2)} /s`;
  return value.toFixed(3);
}

const spread = (r: BenchRecord) => (r.timing === undefined ? '' : `${formatValue({ unit: 'ms', value: r.timing.min })} – ${formatValue({ unit: 'ms', value: r.timing.max })} (n = ${r.timing.repetitions})`);

/** The report as markdown: a header describing the run, then one table row per record. */
export function reportMarkdown(report: BenchReport): string {
  const { machine, backend } = report;
  const lines = [
    `# lnn benchmarks (${report.mode})`,
    '',
    `${report.createdAt} · \`${report.command}\` · ${report.wallTimeSeconds.toFixed(0)} s`,
    '',
    `${machine.cores} × ${machine.cpu}, ${machine.memoryGiB.toFixed(0)} GiB, ${machine.platform}, Node ${machine.node}; ` +
      `backend ${backend.name}${backend.simd ? ' (SIMD)' : ''}, ${backend.threads} thread${backend.threads === 1 ? '' : 's'}`,
    '',
    '| id | figure | value | min – max | peak RSS | backend |',
    '|---|---|---|---|---|---|',
    ...report.records.map((r) => `| \`${r.id}\` | ${r.title} | ${formatValue(r)} | ${spread(r)} | ${r.memory.peakRssMiB.toFixed(0)} MiB | ${r.backend} |`),
    '',
  ];
  return lines.join('\n');
}
