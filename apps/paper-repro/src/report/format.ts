import type { Cell, Metrics } from '../experiment';

/**
 * The report's one number format: three significant digits, scientific notation below 1e-3 and
 * above 1e5, `—` for a missing value. Every number REPORT.md shows goes through it.
 *
 * @example
 * formatNumber(0.004123); // '4.12e-3'
 * formatNumber(0.004123, { percent: true }); // '0.412 %'
 */
export function formatNumber(value: unknown, options: { percent?: boolean } = {}): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  if (typeof value !== 'number') return '—';
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const x = options.percent ? value * 100 : value;
  const unit = options.percent ? ' %' : '';
  if (x === 0) return `0${unit}`;
  const a = Math.abs(x);
  if (a < 1e-3 || a >= 1e5) {
    const [mantissa, exponent] = x.toExponential(2).split('e') as [string, string];
    return `${mantissa}e${Number(exponent)}${unit}`;
  }
  if (Number.isInteger(x) && a < 1e5) return `${x}${unit}`;
  return `${Number(x.toPrecision(3))}${unit}`;
}

/** The value at a dotted path of the metrics (`lnn.energy.final.mean`); undefined when absent. */
export function metricAt(metrics: Metrics, path: string): unknown {
  let node: unknown = metrics;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The text of a table cell: a metric reference is read from the metrics and formatted. */
export function renderCell(cell: Cell, metrics: Metrics): string {
  if (typeof cell === 'string') return cell;
  const options = cell.percent ? { percent: true } : {};
  const first = formatNumber(metricAt(metrics, cell.metric), options);
  const text = cell.to === undefined ? first : `${first} – ${formatNumber(metricAt(metrics, cell.to), options)}`;
  return `${cell.prefix ?? ''}${text}${cell.suffix ?? ''}`;
}
