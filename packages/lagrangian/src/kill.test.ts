import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@lnn/autodiff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from './model-io';

/**
 * The kill test: a training run with checkpoints (test/kill-worker.mjs, on the built package) is
 * killed with SIGKILL at random moments — after a random step plus a random delay, or the moment a
 * checkpoint or model write begins (a `.tmp` file appears in its folder) — once to three times,
 * then run to the end. After every kill the model folder (once written) and the checkpoint folder
 * load; the final weights equal an uninterrupted run's bit for bit (the saved arrays' hash).
 * `LNN_KILL_TRIALS` trials (CI: 3; the longer run: 20+).
 */
const worker = fileURLToPath(new URL('../test/kill-worker.mjs', import.meta.url));
const STEPS = 40;
const trials = Number(process.env.LNN_KILL_TRIALS ?? 3);
const root = mkdtempSync(path.join(os.tmpdir(), 'lnn-kill-'));

interface RunOutcome {
  readonly killed: boolean;
  /** The last step the worker reported before it ended. */
  readonly lastStep: number;
  /** What the kill was aimed at. */
  readonly aim: string;
}

/** Runs the worker; `kill` says when to SIGKILL it (never: it runs to the end and must succeed). */
function runWorker(dirs: { checkpoint: string; model: string }, kill: { atStep: number; delayMs: number } | { onWrite: 'checkpoint' | 'model'; afterStep: number } | undefined): Promise<RunOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, dirs.checkpoint, dirs.model, String(STEPS)], { env: { ...process.env, LNN_THREADS: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let lastStep = 0;
    let stderr = '';
    let watcher: ReturnType<typeof watch> | undefined;
    let scheduled = false;
    const aim = kill === undefined ? 'none' : 'atStep' in kill ? `after step ${kill.atStep} + ${kill.delayMs} ms` : `${kill.onWrite} write after step ${kill.afterStep}`;
    const stopWatching = () => watcher?.close();
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      for (const match of chunk.matchAll(/step (\d+)/g)) lastStep = Number(match[1]);
      if (kill === undefined || scheduled) return;
      if ('atStep' in kill && lastStep >= kill.atStep) {
        scheduled = true;
        setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
      } else if ('onWrite' in kill && lastStep >= kill.afterStep) {
        scheduled = true;
        const dir = kill.onWrite === 'checkpoint' ? dirs.checkpoint : dirs.model;
        watcher = watch(dir, (_event, name) => {
          if (name?.endsWith('.tmp') === true) child.kill('SIGKILL');
        });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      stopWatching();
      if (signal === 'SIGKILL') resolve({ killed: true, lastStep, aim });
      else if (code === 0) resolve({ killed: false, lastStep, aim });
      else reject(new Error(`kill-worker exited with ${code}${signal === null ? '' : ` (${signal})`}:\n${stderr}`));
    });
  });
}

/** The hash of the weights a bundle folder's manifest names (its array file is checked to exist). */
function weightsHash(dir: string): string {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { arrays: { file: string; hash: string; bytes: number } };
  const file = path.join(dir, manifest.arrays.file);
  expect(existsSync(file), `${file} named by the manifest exists`).toBe(true);
  expect(readFileSync(file).length).toBe(manifest.arrays.bytes);
  return manifest.arrays.hash;
}

/** A tiny seeded generator (mulberry32): trials are reproducible from LNN_KILL_SEED. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  await initBackend();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('kill test: training killed with SIGKILL at random moments resumes to the same weights', () => {
  let reference = '';

  it('an uninterrupted run (the reference)', async () => {
    const dirs = { checkpoint: path.join(root, 'reference', 'checkpoint'), model: path.join(root, 'reference', 'model') };
    const outcome = await runWorker(dirs, undefined);
    expect(outcome.lastStep).toBe(STEPS);
    reference = weightsHash(dirs.model);
  }, 120_000);

  it(`${trials} trials of 1–3 kills each, then a run to the end`, async () => {
    const next = random(Number(process.env.LNN_KILL_SEED ?? 20261201));
    const tally = { kills: 0, onCheckpointWrite: 0, onModelWrite: 0, leftOverTmp: 0, orphanArrays: 0 };
    for (let trial = 0; trial < trials; trial++) {
      const dirs = { checkpoint: path.join(root, `trial-${trial}`, 'checkpoint'), model: path.join(root, `trial-${trial}`, 'model') };
      mkdirSync(dirs.checkpoint, { recursive: true }); // watched before the first write
      mkdirSync(dirs.model, { recursive: true });
      const kills = 1 + Math.floor(next() * 3);
      for (let k = 0; k < kills; k++) {
        const r = next();
        const afterStep = Math.floor(next() * STEPS);
        const kill = r < 0.3 ? { onWrite: 'checkpoint' as const, afterStep } : r < 0.5 ? { onWrite: 'model' as const, afterStep } : { atStep: afterStep, delayMs: Math.floor(next() * 30) };
        const outcome = await runWorker(dirs, kill);
        if (!outcome.killed) continue; // it finished before the kill landed: the next run resumes at the end
        tally.kills++;
        if ('onWrite' in kill) tally[kill.onWrite === 'checkpoint' ? 'onCheckpointWrite' : 'onModelWrite']++;
        // Whatever was on disk at the kill still loads: the model folder, and the checkpoint (read
        // the way train reads it when it resumes — its manifest and the array file it names).
        if (existsSync(path.join(dirs.model, 'manifest.json'))) loadModel(dirs.model).dispose();
        if (existsSync(path.join(dirs.checkpoint, 'manifest.json'))) weightsHash(dirs.checkpoint);
      }
      for (const dir of [dirs.checkpoint, dirs.model]) {
        const files = readdirSync(dir);
        tally.leftOverTmp += files.filter((f) => f.endsWith('.tmp')).length;
        tally.orphanArrays += Math.max(0, files.filter((f) => /^arrays\.[0-9a-f]+\.bin$/.test(f)).length - 1);
      }
      const last = await runWorker(dirs, undefined);
      expect(last.lastStep === STEPS || last.lastStep === 0).toBe(true);
      expect(weightsHash(dirs.model), `trial ${trial}: final weights equal the uninterrupted run's`).toBe(reference);
      const model = loadModel(dirs.model);
      model.dispose();
    }
    // The count goes to the log (the note of the longer run quotes it).
    console.log(`kill test: ${trials} trials, ${tally.kills} kills (${tally.onCheckpointWrite} aimed at a checkpoint write, ${tally.onModelWrite} at a model write); left behind: ${tally.leftOverTmp} .tmp files, ${tally.orphanArrays} unreferenced array files`);
    expect(tally.kills).toBeGreaterThan(0);
  }, 600_000 + trials * 60_000);
});
