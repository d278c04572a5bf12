import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Experiment } from './experiment';
import { EXPERIMENTS } from './experiments';
import { parseJson } from './json';
import { estimatedMinutes, planLanes, runLanes } from './lanes';

const experiment = (id: string, quick: number | undefined, needs?: string[]): Experiment => ({
  id,
  title: id,
  paper: '',
  plan: { test: '', quick: '', long: '', full: '' },
  settings: { test: {}, quick: {}, long: {}, full: {} },
  ...(quick === undefined ? {} : { minutes: { quick, long: 2 * quick } }),
  ...(needs === undefined ? {} : { needs }),
});

describe('planLanes', () => {
  const registry = [experiment('a', 30), experiment('b', 10), experiment('c', 9), experiment('d', 8, ['b']), experiment('e', 5), experiment('f', undefined)];
  const all = registry.map((e) => e.id);

  it('longest first to the least loaded lane; an experiment and what it needs share a lane; lanes list ids in registry order', () => {
    const lanes = planLanes(registry, all, 2, 'quick');
    // Groups a 30, b + d 18, c 9, e 5, f 1 (no estimate): a → 1; b, d → 2 (18); c → 2 (27 < 30); e → 2 (32); f → 1 (31).
    expect(lanes).toEqual([
      { ids: ['a', 'f'], minutes: 31 },
      { ids: ['b', 'c', 'd', 'e'], minutes: 32 },
    ]);
    expect(planLanes(registry, all, 2, 'long')[0]?.minutes).toBe(61); // long: the long estimates (f: the default 1)
  });

  it('complete experiments cost nothing and lanes with nothing to compute are dropped; one job is one lane', () => {
    expect(planLanes(registry, all, 2, 'quick', new Set(['a', 'b', 'c', 'd', 'e']))).toEqual([{ ids: ['f'], minutes: 1 }]);
    expect(planLanes(registry, ['d', 'b'], 3, 'quick')).toEqual([{ ids: ['b', 'd'], minutes: 18 }]);
    expect(planLanes(registry, all, 1, 'quick')).toEqual([{ ids: all, minutes: 63 }]);
    expect(planLanes(registry, all, 9, 'quick')).toHaveLength(5); // one lane per group at most
    expect(() => planLanes(registry, all, 0, 'quick')).toThrow(/planLanes: jobs must be a positive integer, received 0/);
  });

  it('the registry: property-table runs beside relativistic, and the double pendulum has a lane of its own at quick scale, shared only with damped-transfer (which reads its model)', () => {
    const lanes = planLanes(EXPERIMENTS, EXPERIMENTS.map((e) => e.id), 2, 'quick');
    expect(lanes).toHaveLength(2);
    expect(lanes.find((l) => l.ids.includes('property-table'))?.ids).toContain('relativistic');
    expect(lanes.find((l) => l.ids.includes('double-pendulum'))?.ids).toEqual(['double-pendulum', 'damped-transfer']);
    for (const e of EXPERIMENTS) expect(estimatedMinutes(e, 'quick')).toBeGreaterThan(0);
  });
});

describe('runLanes', () => {
  it('runs each lane as a process, relays its lines with the lane prefix and returns exit codes', async () => {
    const lines: string[] = [];
    const script = "const i = process.argv.indexOf('--only'); console.log('ids ' + process.argv[i + 1] + ' ' + process.env.LNN_REPRO_LANE); console.error('to stderr'); process.exit(process.argv[i + 1] === 'b' ? 3 : 0)";
    const { outcomes, interrupted } = await runLanes(
      [
        { ids: ['a', 'c'], minutes: 1 },
        { ids: ['b'], minutes: 1 },
      ],
      { command: [process.execPath, '-e', script, '--'], env: process.env, write: (line) => lines.push(line) },
    );
    expect(interrupted).toBeUndefined();
    expect(outcomes.map((o) => o.code)).toEqual([0, 3]);
    expect(lines).toContain('[lane 1] ids a,c 1/2');
    expect(lines).toContain('[lane 2] ids b 2/2');
    expect(lines.filter((l) => l.endsWith('to stderr'))).toHaveLength(2);
  });
});

/** `value` without the keys that hold wall-clock measurements (seconds, rates). */
function withoutTimings(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTimings);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !/seconds|perSecond|wall/i.test(key)).map(([key, v]) => [key, withoutTimings(v)]));
}

describe('built CLI with --jobs 2 (test scale)', () => {
  const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  const repro = (out: string, ...args: string[]) =>
    spawnSync(process.execPath, [cli, '--seed', '3', '--out', out, ...args], { encoding: 'utf8', env: { ...process.env, LNN_BACKEND: '', LNN_REPRO_SCALE: 'test', LNN_THREADS: '1' } });

  it('two processes compute what one would, and one report joins them', () => {
    const lanes = mkdtempSync(path.join(tmpdir(), 'lnn-lanes-'));
    const single = mkdtempSync(path.join(tmpdir(), 'lnn-lanes-'));
    try {
      const two = repro(lanes, '--only', 'wave,property-table,driven', '--jobs', '2');
      expect(two.status, two.stderr).toBe(0);
      expect(two.stdout).toMatch(/lane 1: .*\n.*lane 2: /);
      expect(two.stdout).toMatch(/\[lane 1\] /);
      expect(two.stdout).toMatch(/\[lane 2\] /);
      const one = repro(single, '--only', 'wave,property-table,driven', '--jobs', '1');
      expect(one.status, one.stderr).toBe(0);
      expect(one.stdout).not.toContain('[lane');
      const metrics = (dir: string) => parseJson(readFileSync(path.join(dir, 'metrics.json'), 'utf8')) as { run: { backend: string; wallSeconds: number }; experiments: Record<string, { metrics: unknown }> };
      const [a, b] = [metrics(lanes), metrics(single)];
      expect(Object.keys(a.experiments).sort()).toEqual(['driven', 'property-table', 'relativistic', 'wave']);
      // The same seeds on one thread: the same numbers, but for the timings.
      for (const id of Object.keys(a.experiments)) expect(withoutTimings(a.experiments[id]?.metrics)).toEqual(withoutTimings(b.experiments[id]?.metrics));
      expect(a.run.backend).toMatch(/1 thread in each of 2 processes side by side \(--jobs\)/);
      expect(a.run.wallSeconds).toBeGreaterThan(1); // the lanes' time, not only the joining pass's
      expect(readFileSync(path.join(lanes, 'REPORT.md'), 'utf8')).toContain('1D wave equation');
    } finally {
      rmSync(lanes, { recursive: true, force: true });
      rmSync(single, { recursive: true, force: true });
    }
  }, 300_000);
});
