import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@lnn/autodiff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPERIMENTS } from './experiments';
import { parseJson } from './json';
import { silentProgress } from './progress';
import { formatNumber, metricAt, renderCell } from './report/format';
import { runRepro } from './run';

const runnable = EXPERIMENTS.filter((e) => e.run !== undefined).map((e) => e.id);

describe('a miniature of every experiment (scale "test")', () => {
  let out: string;
  let wall: number;
  beforeAll(async () => {
    await initBackend();
    out = mkdtempSync(path.join(tmpdir(), 'lnn-repro-'));
    const tensors = tf.memory().numTensors;
    const outcome = await runRepro({ scale: 'test', seed: 0, only: runnable, out, rerun: false, progress: silentProgress, command: 'test' });
    wall = outcome.wallSeconds;
    expect(outcome.failed).toEqual([]);
    expect(tf.memory().numTensors).toBe(tensors);
  }, 240_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes REPORT.md, metrics.json, an SVG per figure and the trained models', () => {
    const report = readFileSync(path.join(out, 'REPORT.md'), 'utf8');
    const metrics = parseJson(readFileSync(path.join(out, 'metrics.json'), 'utf8')) as { run: { wallSeconds: number; seed: number }; experiments: Record<string, unknown> };
    expect(Object.keys(metrics.experiments).sort()).toEqual([...runnable].sort());
    expect(metrics.run.seed).toBe(0);
    expect(metrics.run.wallSeconds).toBeCloseTo(wall, 6);
    for (const id of runnable) {
      const stored = parseJson(readFileSync(path.join(out, 'experiments', `${id}.json`), 'utf8')) as { result: { figures: { file: string }[] } };
      for (const figure of stored.result.figures) {
        const svg = readFileSync(path.join(out, 'figures', figure.file), 'utf8');
        expect(svg.startsWith('<svg')).toBe(true);
        expect(svg).toContain('<path'); // marks were drawn
        expect(report).toContain(`](figures/${figure.file})`);
      }
    }
    // The miniature trains the length check's second LNN too (the long scale's comparison of training lengths).
    expect(readdirSync(path.join(out, 'models', 'double-pendulum')).sort()).toEqual(['lnn', 'lnn-length-check', 'mlp']);
    expect(readdirSync(path.join(out, 'models', 'relativistic')).sort()).toEqual(['delan', 'hnn-canonical', 'hnn-velocity', 'lnn']);
    // damped-transfer: step 1's D alone (its L is experiment 1's, read from models/double-pendulum/lnn), step 2's L and D fine-tuned together.
    expect(readdirSync(path.join(out, 'models', 'damped-transfer')).sort()).toEqual(['dissipation', 'fine-tune']);
    expect(readdirSync(path.join(out, 'models', 'wave')).sort()).toEqual(['lgn', 'lgn-ring100']);
    expect(report).toContain('1D wave equation');
    expect(readdirSync(path.join(out, 'models', 'membrane')).sort()).toEqual(['lgn', 'lgn-grid16']);
    expect(report).toContain('2D membrane');
    expect(report).not.toContain('not available yet');
    // The wave rollout reached its horizon and its learned energy is a number for both initial conditions.
    const wave = (metrics.experiments.wave as { metrics: Record<string, { status: string; learnedEnergy: { maxDrift: number } }> }).metrics;
    for (const ic of ['pulse', 'field']) {
      expect(wave[ic]?.status).toBe('success');
      expect(Number.isFinite(wave[ic]?.learnedEnergy.maxDrift)).toBe(true);
    }
    // So did the membrane's, and its dispersion covers every mode of the 16 × 16 grid but the uniform one.
    type Rollout = { status: string; learnedEnergy: { maxDrift: number } };
    const membrane = (metrics.experiments.membrane as { metrics: { bump: Rollout; field: Rollout; dispersion: { modes: number } } }).metrics;
    for (const rolled of [membrane.bump, membrane.field]) {
      expect(rolled.status).toBe('success');
      expect(Number.isFinite(rolled.learnedEnergy.maxDrift)).toBe(true);
    }
    expect(membrane.dispersion.modes).toBe(255);
  });

  it('every table row of REPORT.md shows the numbers of metrics.json', () => {
    const report = readFileSync(path.join(out, 'REPORT.md'), 'utf8');
    const metrics = parseJson(readFileSync(path.join(out, 'metrics.json'), 'utf8')) as { experiments: Record<string, { metrics: Record<string, unknown> }> };
    let checked = 0;
    for (const id of runnable) {
      const stored = parseJson(readFileSync(path.join(out, 'experiments', `${id}.json`), 'utf8')) as { result: { tables: { rows: unknown[][] }[] } };
      const fromFile = metrics.experiments[id]?.metrics as Record<string, unknown>;
      for (const table of stored.result.tables) {
        for (const row of table.rows) {
          const line = `| ${row.map((cell) => renderCell(cell as never, fromFile).replace(/\|/g, '\\|')).join(' | ')} |`;
          expect(report).toContain(line);
          for (const cell of row) {
            if (typeof cell !== 'object' || cell === null) continue;
            const { metric } = cell as { metric: string };
            expect(metricAt(fromFile, metric), `${id}: ${metric}`).not.toBeUndefined();
            expect(line).toContain(formatNumber(metricAt(fromFile, metric), (cell as { percent?: boolean }).percent ? { percent: true } : {}));
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('reuses complete results, and recomputes them with rerun', async () => {
    const again = await runRepro({ scale: 'test', seed: 0, only: ['relativistic'], out, rerun: false, progress: silentProgress, command: 'test' });
    const entry = again.entries.find((e) => e.id === 'relativistic');
    expect(entry?.reused).toBe(true);
    expect(again.entries.find((e) => e.id === 'double-pendulum')?.reused).toBe(true); // kept in the report
    const rerun = await runRepro({ scale: 'test', seed: 0, only: ['property-table'], out, rerun: true, progress: silentProgress, command: 'test' });
    expect(rerun.entries.find((e) => e.id === 'property-table')?.reused).toBe(false);
    expect(rerun.entries.find((e) => e.id === 'relativistic')?.reused).toBe(true); // a dependency is not rerun
  }, 120_000);
});
