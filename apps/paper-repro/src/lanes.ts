import { spawn } from 'node:child_process';
import type { Experiment, Scale } from './experiment';

/**
 * `--jobs`: the experiments of a run shared out among processes ("lanes") that run side by side,
 * each on its own wasm thread(s). On a small machine this is where a second core pays: the
 * threaded wasm build speeds a quick double-pendulum step up by only ~1.15× on two threads
 * (per-kernel overhead dominates at 128 wide, BENCHMARKS.md), while two processes run two
 * experiments at once.
 */

/** One lane: the experiments it runs (in registry order) and their estimated minutes. */
export interface Lane {
  readonly ids: readonly string[];
  readonly minutes: number;
}

/** An experiment's estimated one-thread minutes at `scale`: its own estimate, else the quick one, else 1. */
export function estimatedMinutes(experiment: Experiment, scale: Scale): number {
  return experiment.minutes?.[scale] ?? experiment.minutes?.quick ?? 1;
}

/**
 * Shares `selected` (ids, dependencies included) among at most `jobs` lanes: experiments joined by
 * `needs` stay in one lane (the one needing reads the other's result), `complete` ones (stored
 * results that will be reused) cost nothing, and groups go longest first to the least loaded lane
 * (the LPT rule, within 4/3 of the best split). Lanes with nothing to compute are dropped, so the
 * result may be shorter than `jobs` — one lane or none means: run in this process.
 */
export function planLanes(registry: readonly Experiment[], selected: readonly string[], jobs: number, scale: Scale, complete: ReadonlySet<string> = new Set()): Lane[] {
  if (!Number.isSafeInteger(jobs) || jobs < 1) throw new RangeError(`planLanes: jobs must be a positive integer, received ${String(jobs)}.`);
  const chosen = registry.filter((e) => selected.includes(e.id));
  // Union–find over `needs` among the chosen experiments.
  const parent = new Map(chosen.map((e) => [e.id, e.id]));
  const root = (id: string): string => {
    const p = parent.get(id) as string;
    return p === id ? id : root(p);
  };
  for (const e of chosen) for (const need of e.needs ?? []) if (parent.has(need)) parent.set(root(e.id), root(need));
  const groups = new Map<string, Experiment[]>();
  for (const e of chosen) groups.set(root(e.id), [...(groups.get(root(e.id)) ?? []), e]);
  const cost = (group: readonly Experiment[]) => group.reduce((sum, e) => sum + (complete.has(e.id) ? 0 : estimatedMinutes(e, scale)), 0);
  const work = [...groups.values()].filter((g) => cost(g) > 0).sort((a, b) => cost(b) - cost(a));
  const lanes: { ids: Set<string>; minutes: number }[] = Array.from({ length: Math.min(jobs, work.length) }, () => ({ ids: new Set<string>(), minutes: 0 }));
  for (const group of work) {
    const lane = lanes.reduce((best, l) => (l.minutes < best.minutes ? l : best));
    for (const e of group) lane.ids.add(e.id);
    lane.minutes += cost(group);
  }
  return lanes.map((l) => ({ ids: chosen.map((e) => e.id).filter((id) => l.ids.has(id)), minutes: l.minutes }));
}

/** How a lane's process ended. */
export interface LaneOutcome {
  readonly lane: Lane;
  /** Exit code (null when a signal ended it). */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Options of {@link runLanes}. */
export interface RunLanesOptions {
  /** The command each lane runs: `[executable, ...leading arguments]`; `--only <ids>` is appended. */
  readonly command: readonly [string, ...string[]];
  /** The environment of every lane (`LNN_REPRO_LANE` = `k/n` is added: a lane writes no report). */
  readonly env: NodeJS.ProcessEnv;
  /** Where the lanes' output lines go, each prefixed with its lane. */
  readonly write: (line: string) => void;
}

/**
 * Runs each lane as a child process and waits for all of them. Their stdout and stderr lines are
 * relayed with a `[lane k]` prefix; SIGINT and SIGTERM to this process are passed on to them
 * (`interrupted` names the signal; the caller should then stop, as the lanes did).
 */
export async function runLanes(lanes: readonly Lane[], options: RunLanesOptions): Promise<{ outcomes: LaneOutcome[]; interrupted: NodeJS.Signals | undefined }> {
  const [executable, ...leading] = options.command;
  const children = lanes.map((lane, k) => {
    const child = spawn(executable, [...leading, '--only', lane.ids.join(',')], {
      env: { ...options.env, LNN_REPRO_LANE: `${k + 1}/${lanes.length}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const lines = (pending + chunk).split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) options.write(`[lane ${k + 1}] ${line}`);
      });
      stream.on('end', () => pending !== '' && options.write(`[lane ${k + 1}] ${pending}`));
    }
    return { lane, child };
  });
  let interrupted: NodeJS.Signals | undefined;
  const forward = (signal: NodeJS.Signals) => () => {
    interrupted = signal;
    children.forEach(({ child }) => child.exitCode === null && child.kill(signal));
  };
  const onInt = forward('SIGINT');
  const onTerm = forward('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  try {
    const outcomes = await Promise.all(
      children.map(
        ({ lane, child }) =>
          new Promise<LaneOutcome>((resolve, reject) => {
            child.on('error', reject);
            child.on('close', (code, signal) => resolve({ lane, code, signal }));
          }),
      ),
    );
    return { outcomes, interrupted };
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}
