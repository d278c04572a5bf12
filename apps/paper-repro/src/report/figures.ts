import * as vega from 'vega';
import * as vegaLite from 'vega-lite';

/** The Vega-Lite schema every figure declares. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * Renders a Vega-Lite specification to an SVG document, headlessly (Vega's `renderer: 'none'`
 * view; text is measured by Vega's estimate, no canvas needed).
 *
 * @example
 * const svg = await renderSvg({ data: { values }, mark: 'line', encoding: { … } });
 */
export async function renderSvg(spec: Readonly<Record<string, unknown>>): Promise<string> {
  const compiled = vegaLite.compile({ $schema: VEGA_LITE_SCHEMA, ...spec } as vegaLite.TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * The held-out-loss-during-training figure the experiments share: a log-scale line per model
 * (rows `{ step, loss, model? }`; `model` colours the lines when present).
 */
export function trainingCurveSpec(rows: readonly Readonly<Record<string, unknown>>[], yTitle: string, height = 240): Record<string, unknown> {
  return {
    $schema: VEGA_LITE_SCHEMA,
    width: 520,
    height,
    data: { values: rows },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'step', type: 'quantitative' },
      y: { field: 'loss', type: 'quantitative', scale: { type: 'log' }, title: yTitle },
      ...(rows.some((r) => 'model' in r) ? { color: { field: 'model', type: 'nominal' } } : {}),
    },
  };
}

/** Versions of the plotting libraries, for the report. */
export const plottingVersions = { vega: vega.version, 'vega-lite': vegaLite.version } as const;
