import path from 'node:path';
import type { ExperimentContext, ExperimentResult, Scale } from '../experiment';
import { silentProgress } from '../progress';
import { metricAt } from '../report/format';

/** A context for running one experiment in a test: checkpoints and models under `dir`, stages not cached, silent. */
export function testContext(settings: unknown, dir: string, options: { readonly scale?: Scale; readonly seed?: number } = {}): ExperimentContext {
  return {
    scale: options.scale ?? 'test',
    settings,
    seed: options.seed ?? 0,
    checkpointDir: path.join(dir, 'checkpoints'),
    modelDir: path.join(dir, 'models'),
    progress: silentProgress,
    stage: (_name, compute) => compute(),
    previous: {},
  };
}

/** Every metric cell of the result's tables with the value it reads (undefined: the metric is missing). */
export function tableMetrics(result: ExperimentResult): { readonly metric: string; readonly value: unknown }[] {
  return result.tables.flatMap((table) => table.rows.flatMap((row) => row.flatMap((cell) => (typeof cell === 'string' ? [] : [{ metric: cell.metric, value: metricAt(result.metrics, cell.metric) }]))));
}
