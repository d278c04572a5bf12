import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { compareReports } from './suite/compare';
import type { BenchReport } from './suite/report';
import { reportJsonSchema } from './suite/schema';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd, env: { ...process.env, INIT_CWD: cwd } });

describe('pnpm bench (built CLI under plain Node)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lnn-bench-'));

  it('writes a JSON report that follows its schema, and the markdown table; --compare prints ratios', () => {
    const first = run(['--quick', '--only', 'systems', '--out', 'runs'], dir);
    expect(first.status, first.stderr).toBe(0);
    const files = readdirSync(path.join(dir, 'runs'));
    expect(files.filter((f) => /^bench-quick-.*\.json$/.test(f))).toHaveLength(1);
    expect(files).toEqual(expect.arrayContaining(['latest.json', 'latest.md']));

    const report = JSON.parse(readFileSync(path.join(dir, 'runs', 'latest.json'), 'utf8')) as BenchReport;
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    (addFormats as unknown as (a: Ajv) => void)(ajv);
    const validate = ajv.compile(reportJsonSchema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.mode).toBe('quick');
    expect(report.records.map((r) => r.id)).toEqual(['systems.dataset', 'systems.dataset-rate', 'systems.rollout.tol-1e-8']);
    for (const r of report.records) expect(r.memory.peakRssMiB).toBeGreaterThan(10);
    // The schema is not a formality: a broken record is rejected.
    expect(validate({ ...report, records: [{ ...report.records[0], value: 'fast' }] })).toBe(false);

    const markdown = readFileSync(path.join(dir, 'runs', 'latest.md'), 'utf8');
    expect(markdown).toContain('| `systems.dataset` |');
    expect(first.stdout).toContain('| `systems.rollout.tol-1e-8` |');

    // LNN_BACKEND chooses the backend when --backend is not given.
    const onCpu = spawnSync(process.execPath, [cli, '--quick', '--only', 'systems', '--out', 'cpu-runs'], { encoding: 'utf8', cwd: dir, env: { ...process.env, INIT_CWD: dir, LNN_BACKEND: 'cpu' } });
    expect(onCpu.status, onCpu.stderr).toBe(0);
    expect((JSON.parse(readFileSync(path.join(dir, 'cpu-runs', 'latest.json'), 'utf8')) as BenchReport).backend.name).toBe('cpu');

    const second = run(['--quick', '--only', 'systems', '--out', 'runs', '--compare', 'runs/latest.json'], dir);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/\| `systems\.dataset` \| .* \| \d+\.\d{3} \| (same \(±5 %\)|\d+\.\d\d× (better|worse)) \|/);
  });

  it('reports bad arguments with the argument, what it received and what it accepts', () => {
    const unknown = run(['--only', 'lnn,warp'], dir);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("--only: unknown case 'warp'; cases are autodiff, lnn,");
    const missing = run(['--compare', 'nowhere.json'], dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--compare: cannot read .*nowhere\.json/);
    expect(existsSync(path.join(dir, 'bench-results'))).toBe(false); // nothing ran, nothing written
    const schema = run(['--schema'], dir);
    expect(JSON.parse(schema.stdout)).toEqual(JSON.parse(JSON.stringify(reportJsonSchema)));
  });
});

describe('compareReports', () => {
  const record = (id: string, value: number, better: 'lower' | 'higher') => ({
    id,
    case: 'x',
    title: id,
    unit: 'ms' as const,
    value,
    better,
    parameters: {},
    memory: { peakRssMiB: 1, tfTensors: 0, tfMiB: 0 },
    backend: 'wasm',
  });
  const report = (records: ReturnType<typeof record>[]) => ({ records }) as unknown as BenchReport;

  it('matches by id, gives after/before and an improvement that respects the direction', () => {
    const { matched, onlyBefore, onlyAfter } = compareReports(
      report([record('x.a', 10, 'lower'), record('x.b', 2, 'higher'), record('x.gone', 1, 'lower')]),
      report([record('x.a', 5, 'lower'), record('x.b', 3, 'higher'), record('x.new', 1, 'lower')]),
    );
    expect(matched.map((m) => [m.id, m.ratio, m.improvement])).toEqual([
      ['x.a', 0.5, 2],
      ['x.b', 1.5, 1.5],
    ]);
    expect(onlyBefore).toEqual(['x.gone']);
    expect(onlyAfter).toEqual(['x.new']);
  });
});
