#!/usr/bin/env node
/**
 * `pnpm --filter @lnn/paper-repro ablation`: the double pendulum's LNN recipe with each lever on
 * and off, over seeds. Every cell is an ordinary `pnpm repro --only double-pendulum --seed N
 * --set …` run into its own folder (resumable, reused when complete), run `--parallel` at a time
 * on one wasm thread each; then one table of every row: held-out MAE, energy error median and
 * mean, rollouts stopped, steps and minutes, per seed and summarised. Written to
 * `<out>/ABLATION.md` and `<out>/ablation.json`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** One row of the table: the recipe with some settings changed. */
interface Row {
  readonly id: string;
  readonly label: string;
  /** `--set` arguments (without the experiment prefix). */
  readonly set: readonly string[];
}

/** The rows the command knows; `--rows` picks some (default: recipe and no-guard). */
export const ROWS: readonly Row[] = [
  { id: 'recipe', label: 'the quick recipe: guard on H_vv, residuals capped at 1,000, keep-best, 48k LNN steps', set: [] },
  { id: 'steps-32k', label: 'the recipe with 32k LNN steps (the quick default before)', set: ['lnn.steps=32000'] },
  { id: 'no-guard-no-cap', label: 'without the guard and the cap (keep-best only)', set: ['lnn.definiteness=null', 'lnn.lossCap=null'] },
  { id: 'no-cap-32k', label: 'without the cap (guard and keep-best), 32k LNN steps', set: ['lnn.lossCap=null', 'lnn.steps=32000'] },
  { id: 'no-guard', label: 'without the guard (cap and keep-best)', set: ['lnn.definiteness=null'] },
  { id: 'no-keep-best', label: 'without keep-best (the last weights)', set: ['lnn.keepBest=false'] },
  { id: 'clip-1000', label: 'with gradient-norm clipping at 1,000', set: ['lnn.clipNorm=1000'] },
  { id: 'restarts', label: 'without guard and cap, with seed restarts (3 × 1,000 trial steps)', set: ['lnn.definiteness=null', 'lnn.lossCap=null', 'lnn.restarts={"candidates":3,"trialSteps":1000}'] },
  { id: 'plain-24k', label: 'the plain recipe (no guard, no cap, no keep-best), 24k steps', set: ['lnn.definiteness=null', 'lnn.lossCap=null', 'lnn.keepBest=false', 'lnn.steps=24000'] },
];

interface Cell {
  readonly row: string;
  readonly seed: number;
  readonly mae: number | null;
  readonly energyMedian: number | null;
  readonly energyMean: number | null;
  readonly stopped: number | null;
  readonly steps: number | null;
  readonly minutes: number | null;
  readonly mlpMae: number | null;
  readonly mlpEnergyMedian: number | null;
  readonly mlpEnergyMean: number | null;
}

const cli = fileURLToPath(new URL('./cli.js', import.meta.url));

function runOne(row: Row, seed: number, out: string, scale: string): Promise<number> {
  const args = [cli, '--only', 'double-pendulum', '--seed', String(seed), '--out', out, ...(scale === 'quick' ? [] : [`--${scale}`]), ...row.set.flatMap((s) => ['--set', `double-pendulum.${s}`])];
  mkdirSync(out, { recursive: true });
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, LNN_THREADS: '1', CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const log: string[] = [];
    child.stdout.on('data', (b: Buffer) => log.push(b.toString()));
    child.stderr.on('data', (b: Buffer) => log.push(b.toString()));
    child.on('close', (code) => {
      writeFileSync(path.join(out, 'run.log'), log.join(''));
      resolve(code ?? 1);
    });
  });
}

function readCell(row: string, seed: number, out: string): Cell {
  const empty = { row, seed, mae: null, energyMedian: null, energyMean: null, stopped: null, steps: null, minutes: null, mlpMae: null, mlpEnergyMedian: null, mlpEnergyMean: null };
  // The experiment's stored result, or — in a fresh clone, where only the report files are
  // committed — the same numbers from the run's metrics.json.
  const file = path.join(out, 'experiments', 'double-pendulum.json');
  const metricsFile = path.join(out, 'metrics.json');
  let stored: { wallSeconds: number; metrics: Record<string, never> };
  if (existsSync(file)) {
    const result = JSON.parse(readFileSync(file, 'utf8')) as { wallSeconds: number; result: { metrics: Record<string, never> } };
    stored = { wallSeconds: result.wallSeconds, metrics: result.result.metrics };
  } else if (existsSync(metricsFile)) {
    const run = JSON.parse(readFileSync(metricsFile, 'utf8')) as { experiments?: Record<string, { wallSeconds: number; metrics: Record<string, never> } | undefined> };
    const experiment = run.experiments?.['double-pendulum'];
    if (experiment?.metrics === undefined) return empty;
    stored = experiment;
  } else return empty;
  const m = stored.metrics as unknown as {
    lnn: { accelerationMae: number; training: { steps: number }; energy: { final: { median: number; mean: number }; stopped: number } };
    mlp: { accelerationMae: number; energy: { final: { median: number; mean: number } } };
  };
  return {
    row,
    seed,
    mae: m.lnn.accelerationMae,
    energyMedian: m.lnn.energy.final.median,
    energyMean: m.lnn.energy.final.mean,
    stopped: m.lnn.energy.stopped,
    steps: m.lnn.training.steps,
    minutes: stored.wallSeconds / 60,
    mlpMae: m.mlp.accelerationMae,
    mlpEnergyMedian: m.mlp.energy.final.median,
    mlpEnergyMean: m.mlp.energy.final.mean,
  };
}

const fmt = (v: number | null, digits = 3) => (v === null || !Number.isFinite(v) ? '—' : v.toPrecision(digits));
const pct = (v: number | null) => (v === null || !Number.isFinite(v) ? '—' : `${(100 * v).toPrecision(3)} %`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s.length % 2 === 1 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

/** The markdown table: one line per row with each seed's MAE and energy, then the medians. */
export function ablationTable(rows: readonly Row[], cells: readonly Cell[], seeds: readonly number[], command: string): string {
  const lines = [
    '# Double pendulum: LNN recipe ablation',
    '',
    `Regenerated by \`${command}\`. Each cell is \`pnpm repro --only double-pendulum --seed N\` with the row's \`--set\`s (its folder holds the run's REPORT.md). MAE: held-out acceleration MAE (rad/s²; predicting 0 ≈ 23); energy: |E_true(predicted) − E_true(truth)| / 29.4 at t = 100 over 40 rollouts (median, mean); minutes: the experiment's wall time on one wasm thread, two runs at a time on two cores (of the last segment only, for a run resumed from its checkpoints).`,
    '',
    `| row | settings | ${seeds.map((s) => `seed ${s}: MAE · energy median / mean`).join(' | ')} | seeds with MAE ≤ 0.7 and energy median ≤ 3 %, mean ≤ 5 % | median MAE | median minutes |`,
    `|---|---|${seeds.map(() => '---').join('|')}|---|---|---|`,
  ];
  for (const row of rows) {
    const mine = seeds.map((seed) => cells.find((c) => c.row === row.id && c.seed === seed));
    const done = mine.filter((c): c is Cell => c !== undefined && c.mae !== null);
    const pass = done.filter((c) => (c.mae as number) <= 0.7 && (c.energyMedian ?? Infinity) <= 0.03 && (c.energyMean ?? Infinity) <= 0.05).length;
    lines.push(
      `| ${row.label} | ${row.set.length === 0 ? '—' : row.set.map((s) => `\`${s}\``).join(' ')} | ${mine
        .map((c) => (c === undefined || c.mae === null ? 'not run' : `${fmt(c.mae)} · ${pct(c.energyMedian)} / ${pct(c.energyMean)}${c.stopped ? ` (${c.stopped} stopped)` : ''}`))
        .join(' | ')} | ${pass} of ${done.length} | ${fmt(median(done.map((c) => c.mae as number)))} | ${fmt(median(done.map((c) => c.minutes ?? Number.NaN)), 2)} |`,
    );
  }
  lines.push(
    '',
    'The MLP baseline of the same runs (MAE · energy median / mean), and the seeds where the LNN\'s energy median and mean are both below the MLP\'s:',
    '',
    `| row | ${seeds.map((s) => `seed ${s}`).join(' | ')} | LNN energy below the MLP's |`,
    `|---|${seeds.map(() => '---').join('|')}|---|`,
  );
  for (const row of rows) {
    const mine = seeds.map((seed) => cells.find((c) => c.row === row.id && c.seed === seed));
    const done = mine.filter((c): c is Cell => c !== undefined && c.mae !== null && c.mlpMae !== null);
    const better = done.filter((c) => (c.energyMedian ?? Infinity) < (c.mlpEnergyMedian ?? Infinity) && (c.energyMean ?? Infinity) < (c.mlpEnergyMean ?? Infinity)).length;
    lines.push(`| ${row.label} | ${mine.map((c) => (c?.mae == null ? '—' : `${fmt(c.mlpMae)} · ${pct(c.mlpEnergyMedian)} / ${pct(c.mlpEnergyMean)}`)).join(' | ')} | ${better} of ${done.length} |`);
  }
  return `${lines.join('\n')}\n`;
}

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      rows: { type: 'string', default: 'recipe,no-guard-no-cap' },
      seeds: { type: 'string', default: '0,1,2,3,4' },
      parallel: { type: 'string', default: '2' },
      out: { type: 'string', default: 'results/ablation' },
      long: { type: 'boolean', default: false },
      'table-only': { type: 'boolean', default: false },
    },
  });
  const rows = values.rows.split(',').map((id) => {
    const row = ROWS.find((r) => r.id === id.trim());
    if (row === undefined) throw new TypeError(`--rows: received '${id}', expected some of ${ROWS.map((r) => r.id).join(', ')}.`);
    return row;
  });
  const seeds = values.seeds.split(',').map((s) => {
    const n = Number(s);
    if (!Number.isSafeInteger(n) || n < 0) throw new TypeError(`--seeds: received '${s}', expected non-negative integers separated by commas.`);
    return n;
  });
  const parallel = Number(values.parallel);
  if (!Number.isInteger(parallel) || parallel < 1) throw new TypeError(`--parallel: received '${values.parallel}', expected a positive integer.`);
  const base = path.resolve(process.env.npm_lifecycle_event !== undefined && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd(), values.out);
  const scale = values.long ? 'long' : 'quick';
  const jobs = rows.flatMap((row) => seeds.map((seed) => ({ row, seed, out: path.join(base, row.id, `seed-${seed}`) })));
  if (!values['table-only']) {
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const job = jobs[next++] as (typeof jobs)[number];
        console.log(`ablation: ${job.row.id}, seed ${job.seed} → ${path.relative(process.cwd(), job.out)}`);
        const code = await runOne(job.row, job.seed, job.out, scale);
        console.log(`ablation: ${job.row.id}, seed ${job.seed} ${code === 0 ? 'done' : `failed (exit ${code}; see run.log)`}`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, jobs.length) }, worker));
  }
  const cells = jobs.map((j) => readCell(j.row.id, j.seed, j.out));
  const command = `pnpm --filter @lnn/paper-repro ablation ${argv.join(' ')}`.trim();
  mkdirSync(base, { recursive: true });
  writeFileSync(path.join(base, 'ablation.json'), `${JSON.stringify({ command, rows, seeds, cells }, null, 2)}\n`);
  const table = ablationTable(rows, cells, seeds, command);
  writeFileSync(path.join(base, 'ABLATION.md'), table);
  console.log(`\n${table}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`ablation: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
