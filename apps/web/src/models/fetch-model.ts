import { MODEL_FORMAT, MODEL_FORMAT_VERSION, type DynamicsModel } from '@lnn/lagrangian';
import { buildModel } from './build-model';
import { decodeWebModel, type ModelSource } from './web-model';

/**
 * Fetches a web model file and rebuilds its model (see `buildModel`); a failed request or a file
 * of another version is an error naming the URL.
 *
 * @example
 * const { model, source } = await fetchModel(lnnUrl);
 */
export async function fetchModel(url: string): Promise<{ readonly model: DynamicsModel; readonly source: ModelSource }> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`fetchModel: ${url} answered ${response.status} ${response.statusText}.`);
  const web = decodeWebModel(await response.json(), url, { format: MODEL_FORMAT, version: MODEL_FORMAT_VERSION });
  return { model: buildModel(web, url), source: web.source };
}

/** One line saying where a model came from, for the page. */
export function describeSource(source: ModelSource): string {
  const run = source.run;
  if (run === null) return `${source.path} (run unknown)`;
  const parts = [run.scale === undefined ? undefined : `scale ${run.scale}`, run.seed === undefined ? undefined : `seed ${run.seed}`, run.commit === undefined ? undefined : `commit ${run.commit}`];
  const note = run.scale === 'test' ? ' — a test-scale run: barely trained, for trying the page out only' : '';
  return `pnpm repro, ${parts.filter((p) => p !== undefined).join(', ')} (${source.path})${note}`;
}
