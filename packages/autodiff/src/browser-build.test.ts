import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { expectBrowserBuild } from '@lnn/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { prepareWasm } from './backend/wasm-threads.browser';
import type * as Api from './index';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('the browser build (dist/browser, the `browser` export condition)', () => {
  it('is what a browser bundler takes, and bundles with no Node built-in and no warning', async () => {
    const bundle = await expectBrowserBuild(packageDir);
    // The embedded backends are imported by literal specifiers, so a bundler includes them.
    expect(bundle.inputs.some((f) => f.includes('tfjs-backend-wasm'))).toBe(true);
    expect(bundle.inputs.some((f) => f.includes('tfjs-backend-cpu'))).toBe(true);
  });

  it('reports the embedded backends as available and starts one', async () => {
    const browser = (await import(path.join(packageDir, 'dist', 'browser', 'index.js'))) as typeof Api;
    expect(browser.availableBackends()).toEqual(['wasm', 'cpu']);
    const info = await browser.initBackend({ backend: 'cpu' });
    expect(info.backend).toBe('cpu');
    await expect(browser.initBackend({ backend: 'tensorflow' })).rejects.toThrow(/@tensorflow\/tfjs-node is a native Node\.js addon, which does not run in a browser/);
  });

  it("runs tfjs's single-threaded build for one thread, and lets it choose for more", async () => {
    const detected = (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) === true;
    const wasm = { setThreadsCount: vi.fn(), getThreadsCount: () => 1, BackendWasm: class {} as never };
    await prepareWasm(wasm, 1);
    expect(tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')).toBe(false);
    expect(wasm.setThreadsCount).toHaveBeenLastCalledWith(1);
    await prepareWasm(wasm, 4);
    expect(tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')).toBe(detected);
    expect(wasm.setThreadsCount).toHaveBeenLastCalledWith(4);
  });
});
