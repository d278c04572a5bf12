import { parseArgs } from 'node:util';
import { BACKEND_NAMES, type BackendName } from '@lnn/autodiff';
import { EXPERIMENT_IDS } from './experiments';
import type { Scale } from './experiment';
import { parseOverride, type SettingOverride } from './settings-override';

/** The command line of `pnpm repro`, validated. */
export interface ReproOptions {
  /** quick (default, ≤ 30 minutes on two cores), long (≤ 2 hours), or full (the paper's scale). */
  readonly scale: Exclude<Scale, 'test'>;
  /** Experiments to run, in plan order. */
  readonly only: readonly string[];
  readonly seed: number;
  /** Undefined: LNN_BACKEND, else wasm (see @lnn/autodiff's initBackend). */
  readonly backend: BackendName | undefined;
  /** As given; relative paths are taken from the folder the user ran the command in. */
  readonly out: string;
  /** Recompute the selected experiments from scratch (their stored results and checkpoints are discarded). */
  readonly rerun: boolean;
  /** Print the plan and stop. */
  readonly dryRun: boolean;
  readonly help: boolean;
  /** Settings changed from the command line (`--set`), for ablations. */
  readonly overrides: readonly SettingOverride[];
  /** Processes to share the experiments among (`--jobs`); undefined: `auto` (2 where there are 2 or more cores, else 1). */
  readonly jobs: number | undefined;
}

export const USAGE = `Usage: pnpm repro [options]

Regenerates the tables and figures of the Lagrangian Neural Networks paper, and ours.

Options:
  --long               longer training than the quick default (the whole run within 2 hours
                       on two cores)
  --full               paper scale: the paper's sample counts and training lengths (hours;
                       resumable; meant for a GPU through tfjs-node-gpu, or a long night)
  --only <ids>         run only these experiments (comma-separated, or repeat the flag):
                       ${EXPERIMENT_IDS.join(', ')}
  --seed <n>           seed of every random choice (default 0)
  --backend <name>     ${BACKEND_NAMES.join(' | ')} (default: $LNN_BACKEND, else wasm)
  --out <dir>          where REPORT.md, figures, metrics, models and checkpoints go
                       (default results, relative to the folder you ran the command in)
  --rerun              recompute the selected experiments even if their results are complete
                       (an interrupted run resumes from its checkpoints without this flag)
  --set <e.path=json>  change one setting of an experiment at this scale (repeatable), e.g.
                       --set double-pendulum.lnn.clipNorm=null  (ablations; results are
                       stored per setting, so runs with different settings do not mix)
  --jobs <n|auto>      processes to share the experiments among, side by side, each on
                       max(1, cores ÷ n) wasm threads (default auto: 2 on a machine with
                       2 or more cores; 1 runs everything in this process)
  --dry-run            print the plan and stop
  -h, --help           show this text
`;

/** Parses `argv` (without node and script), throwing a TypeError that names the bad option. */
export function parseReproArgs(argv: readonly string[]): ReproOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      full: { type: 'boolean', default: false },
      long: { type: 'boolean', default: false },
      set: { type: 'string', multiple: true },
      only: { type: 'string', multiple: true },
      seed: { type: 'string', default: '0' },
      backend: { type: 'string' },
      out: { type: 'string', default: 'results' },
      rerun: { type: 'boolean', default: false },
      jobs: { type: 'string', default: 'auto' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const only = (values.only ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  for (const id of only) {
    if (!EXPERIMENT_IDS.includes(id)) {
      throw new TypeError(`--only: received '${id}', expected one of ${EXPERIMENT_IDS.join(', ')}.`);
    }
  }
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new TypeError(`--seed: received '${values.seed}', expected a non-negative integer.`);
  }
  const backend = values.backend;
  if (backend !== undefined && !(BACKEND_NAMES as readonly string[]).includes(backend)) {
    throw new TypeError(`--backend: received '${backend}', expected one of ${BACKEND_NAMES.join(', ')}.`);
  }
  if (values.out === '') throw new TypeError("--out: received '', expected a directory path.");
  const jobs = values.jobs === 'auto' ? undefined : Number(values.jobs);
  if (jobs !== undefined && !(Number.isSafeInteger(jobs) && jobs >= 1 && jobs <= 64)) {
    throw new TypeError(`--jobs: received '${values.jobs}', expected 'auto' or an integer from 1 to 64.`);
  }
  if (values.full && values.long) throw new TypeError('--full and --long: choose one scale.');
  return {
    scale: values.full ? 'full' : values.long ? 'long' : 'quick',
    overrides: (values.set ?? []).map((text) => parseOverride(text, EXPERIMENT_IDS)),
    only: EXPERIMENT_IDS.filter((id) => only.length === 0 || only.includes(id)),
    seed,
    backend: backend as BackendName | undefined,
    out: values.out,
    rerun: values.rerun,
    jobs,
    dryRun: values['dry-run'],
    help: values.help,
  };
}
