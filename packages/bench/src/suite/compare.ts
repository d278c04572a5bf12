import { formatValue } from './markdown';
import type { BenchRecord, BenchReport } from './report';

/** One figure in two runs. */
export interface Comparison {
  readonly id: string;
  readonly title: string;
  readonly before: BenchRecord;
  readonly after: BenchRecord;
  /** after / before. */
  readonly ratio: number;
  /** > 1 means better, whichever direction the figure improves in (e.g. 1.25 = 25 % faster). */
  readonly improvement: number;
}

/** Matches records by id; lists what only one run has. */
export function compareReports(before: BenchReport, after: BenchReport): { matched: Comparison[]; onlyBefore: string[]; onlyAfter: string[] } {
  const old = new Map(before.records.map((r) => [r.id, r]));
  const fresh = new Set(after.records.map((r) => r.id));
  const matched: Comparison[] = [];
  for (const r of after.records) {
    const b = old.get(r.id);
    if (b === undefined || b.unit !== r.unit) continue;
    const ratio = r.value / b.value;
    matched.push({ id: r.id, title: r.title, before: b, after: r, ratio, improvement: r.better === 'lower' ? 1 / ratio : ratio });
  }
  return {
    matched,
    onlyBefore: before.records.filter((r) => !fresh.has(r.id)).map((r) => r.id),
    onlyAfter: after.records.filter((r) => !old.has(r.id)).map((r) => r.id),
  };
}

/** The comparison as a markdown table. */
export function comparisonMarkdown(before: BenchReport, after: BenchReport): string {
  const { matched, onlyBefore, onlyAfter } = compareReports(before, after);
  const verdict = (c: Comparison) => (c.improvement >= 1.05 ? `${c.improvement.toFixed(2)}× better` : c.improvement <= 1 / 1.05 ? `${(1 / c.improvement).toFixed(2)}× worse` : 'same (±5 %)');
  const lines = [
    `Comparing ${before.createdAt} (${before.mode}, ${before.backend.name}) → ${after.createdAt} (${after.mode}, ${after.backend.name})`,
    '',
    '| id | figure | before | after | after / before | verdict |',
    '|---|---|---|---|---|---|',
    ...matched.map((c) => `| \`${c.id}\` | ${c.title} | ${formatValue(c.before)} | ${formatValue(c.after)} | ${c.ratio.toFixed(3)} | ${verdict(c)} |`),
  ];
  if (onlyBefore.length > 0) lines.push('', `Only in the earlier run: ${onlyBefore.map((id) => `\`${id}\``).join(', ')}`);
  if (onlyAfter.length > 0) lines.push('', `Only in this run: ${onlyAfter.map((id) => `\`${id}\``).join(', ')}`);
  if (before.machine.cpu !== after.machine.cpu || before.machine.cores !== after.machine.cores) {
    lines.push('', `Note: different machines (${before.machine.cores} × ${before.machine.cpu} vs ${after.machine.cores} × ${after.machine.cpu}).`);
  }
  return `${lines.join('\n')}\n`;
}
