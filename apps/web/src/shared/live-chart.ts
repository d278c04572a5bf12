/**
 * A live line chart (Vega-Lite, drawn by Vega as SVG): one line per series against time, fed rows
 * as they come and redrawn at most a few times a second. The container gets an accessible name;
 * the numbers themselves are also shown as text by the pages.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** One point of one series. */
export interface ChartRow {
  readonly t: number;
  readonly value: number;
  readonly series: string;
}

/** How a {@link LiveChart} looks. */
export interface LiveChartOptions {
  readonly title: string;
  readonly xTitle: string;
  readonly yTitle: string;
  /** Series names and their colours, in legend order. */
  readonly series: readonly { readonly name: string; readonly color: string }[];
  /** A logarithmic y axis (values must be positive). @default false */
  readonly logY?: boolean;
  /** Rows older than this span (in t) behind the newest are dropped. @default Infinity */
  readonly span?: number;
  /** Least time between redraws, ms. @default 250 */
  readonly redrawMs?: number;
  /** The plot's height, px. @default 180 */
  readonly height?: number;
}

export class LiveChart {
  private readonly view: vega.View;
  private pending: ChartRow[] = [];
  private newest = -Infinity;
  private lastDraw = 0;
  private drawing: Promise<unknown> = Promise.resolve();
  private clearFirst = false;

  constructor(
    container: HTMLElement,
    private readonly options: LiveChartOptions,
  ) {
    container.setAttribute('role', 'img');
    container.setAttribute('aria-label', `${options.title}: ${options.yTitle} against ${options.xTitle} for ${options.series.map((s) => s.name).join(', ')}`);
    const spec: TopLevelSpec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: 'container',
      height: options.height ?? 180,
      autosize: { type: 'fit', contains: 'padding' },
      data: { name: 'rows' },
      mark: { type: 'line', interpolate: 'linear', clip: true },
      encoding: {
        x: { field: 't', type: 'quantitative', title: options.xTitle },
        y: { field: 'value', type: 'quantitative', title: options.yTitle, scale: options.logY === true ? { type: 'log' } : { zero: false } },
        color: {
          field: 'series',
          type: 'nominal',
          title: null,
          scale: { domain: options.series.map((s) => s.name), range: options.series.map((s) => s.color) },
          legend: { orient: 'top' },
        },
      },
      config: { view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 12 } },
    };
    this.view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'svg', container, hover: false });
    this.drawing = this.view.runAsync();
  }

  /** Queues rows; they appear at the next redraw. */
  push(rows: readonly ChartRow[]): void {
    for (const row of rows) {
      if (!Number.isFinite(row.value) || (this.options.logY === true && row.value <= 0)) continue;
      this.pending.push(row);
      this.newest = Math.max(this.newest, row.t);
    }
  }

  /** Drops every row (a reset). */
  clear(): void {
    this.pending = [];
    this.newest = -Infinity;
    this.clearFirst = true;
    this.redraw(true);
  }

  /** Redraws if rows are waiting and the last redraw is old enough (or `force`). */
  redraw(force = false, now: number = performance.now()): void {
    if (!force && (this.pending.length === 0 || now - this.lastDraw < (this.options.redrawMs ?? 250))) return;
    this.lastDraw = now;
    const rows = this.pending;
    this.pending = [];
    const clear = this.clearFirst;
    this.clearFirst = false;
    const cutoff = this.newest - (this.options.span ?? Infinity);
    this.drawing = this.drawing.then(() => {
      const changes = vega.changeset().insert(rows).remove((d: ChartRow) => clear || d.t < cutoff);
      return this.view.change('rows', changes).runAsync();
    });
  }

  /** Releases the view's listeners. */
  dispose(): void {
    this.view.finalize();
  }
}
