import type * as Fs from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it, vi } from 'vitest';

// The threaded build's worker script "is missing" (as in an app bundled without this package's
// files): initBackend must fall back to the single-threaded build with one warning line.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof Fs>();
  const existsSync = (file: string) => !String(file).endsWith('pthread-worker.cjs') && fs.existsSync(file);
  return { ...fs, existsSync, default: { ...fs, existsSync } };
});

const { initBackend } = await import('./init-backend');

describe('wasm threads fallback', () => {
  it('runs one thread when the threaded build cannot start, and warns once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const info = await initBackend({ backend: 'wasm', threads: 2 });
    expect(info).toMatchObject({ backend: 'wasm', threads: 1 });
    expect(info.threadsFallback).toMatch(/a file it needs is missing: .*pthread-worker\.cjs/);
    const sum = tf.tidy(() => tf.sum(tf.tensor1d([1, 2, 3])));
    expect(sum.dataSync()[0]).toBe(6);
    sum.dispose();
    // Asked again: the same fallback, no second warning.
    expect((await initBackend({ backend: 'wasm', threads: 2 })).threads).toBe(1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/^@lnn\/autodiff: the threaded wasm build could not start \(.*\); running on 1 thread\. Set LNN_THREADS=1/);
    warn.mockRestore();
  });
});
