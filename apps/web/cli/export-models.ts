/**
 * `pnpm --filter @lnn/web export-models --from <dir> [--out <dir>]`: the only way the demo's model
 * assets (apps/web/models/) are made, from the --out folder of a `pnpm repro` run. Prints each
 * file's size.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend } from '@lnn/autodiff';
// Importing them registers their model kinds with loadModel (mlp-dynamics, graph-lagrangian).
import '@lnn/baselines';
import '@lnn/graph-lagrangian';
import { exportModels } from '../src/models/export-models';

const USAGE = 'usage: pnpm --filter @lnn/web export-models --from <pnpm repro --out folder> [--out <folder>, default apps/web/models]';

/** The folder the user ran the command from (pnpm runs scripts in the package and passes it as INIT_CWD). */
function userDirectory(): string {
  return process.env.npm_lifecycle_event !== undefined && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { from: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help === true) {
    console.log(USAGE);
    return;
  }
  if (values.from === undefined || values.from === '') throw new TypeError(`export-models: --from is required (the --out folder of a pnpm repro run). ${USAGE}`);
  const from = path.resolve(userDirectory(), values.from);
  const out = values.out === undefined ? path.resolve(import.meta.dirname, '..', '..', 'models') : path.resolve(userDirectory(), values.out);
  await initBackend({ backend: 'cpu' });
  for (const e of exportModels(from, out)) {
    console.log(`${path.relative(userDirectory(), e.file)}: ${(e.bytes / 1024).toFixed(1)} kB (${e.kind}, ${e.weights.toLocaleString('en')} weights)`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
