import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import { availableBackends } from './available-backends';
import { BACKEND_ENV_VAR, type ConcreteBackend } from './backend-name';
import { BackendUnavailableError } from './errors';
import { currentBackend, initBackend } from './init-backend';
import { BACKEND_PACKAGES } from './loaders';

function installed(packageName: string): boolean {
  try {
    createRequire(import.meta.url).resolve(packageName);
    return true;
  } catch {
    return false;
  }
}

const savedEnv = process.env[BACKEND_ENV_VAR];
afterEach(() => {
  if (savedEnv === undefined) delete process.env[BACKEND_ENV_VAR];
  else process.env[BACKEND_ENV_VAR] = savedEnv;
});

describe('initBackend', () => {
  it('starts wasm with SIMD by default', async () => {
    delete process.env[BACKEND_ENV_VAR];
    const info = await initBackend();
    expect(info).toMatchObject({ backend: 'wasm', requested: 'wasm', source: 'default', tfjsName: 'wasm', simd: true });
    expect(tf.getBackend()).toBe('wasm');
    expect(info.tfjsVersion).toBe(tf.version_core);
    expect(currentBackend()).toEqual(info);
  });

  it.each(['wasm', 'cpu'] as const)('starts %s and computes on it', async (backend) => {
    const info = await initBackend({ backend });
    expect(info.backend).toBe(backend);
    expect(tf.getBackend()).toBe(backend);
    const sum = tf.tidy(() => tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4])));
    expect(Array.from(await sum.data())).toEqual([4, 6]);
    sum.dispose();
  });

  for (const backend of ['tensorflow', 'tensorflow-gpu'] as const) {
    const packageName = BACKEND_PACKAGES[backend];
    if (installed(packageName)) {
      it(`starts ${backend} (${packageName} is installed here)`, async () => {
        expect((await initBackend({ backend })).tfjsName).toBe('tensorflow');
      });
    } else {
      it(`rejects ${backend} with a message naming ${packageName} (not installed here)`, async () => {
        const attempt = initBackend({ backend });
        await expect(attempt).rejects.toBeInstanceOf(BackendUnavailableError);
        await expect(attempt).rejects.toThrow(`npm install ${packageName}`);
        await expect(attempt).rejects.toMatchObject({ backend, packageName });
      });
    }
  }

  it('leaves the running backend in place after a failed request', async () => {
    await initBackend({ backend: 'cpu' });
    if (!installed(BACKEND_PACKAGES.tensorflow)) {
      await expect(initBackend({ backend: 'tensorflow' })).rejects.toThrow();
    }
    expect(tf.getBackend()).toBe('cpu');
    expect(currentBackend()?.backend).toBe('cpu');
  });

  it('reads LNN_BACKEND when no option is given, and the option wins over it', async () => {
    process.env[BACKEND_ENV_VAR] = 'cpu';
    expect(await initBackend()).toMatchObject({ backend: 'cpu', source: 'environment' });
    expect(await initBackend({ backend: 'wasm' })).toMatchObject({ backend: 'wasm', source: 'option' });
  });

  it('rejects an unknown name, saying where it came from and what is accepted', async () => {
    await expect(initBackend({ backend: 'webgl' as never })).rejects.toThrow(
      /initBackend: options\.backend: received "webgl", expected one of 'wasm', 'cpu', 'tensorflow', 'tensorflow-gpu', 'auto'/,
    );
    process.env[BACKEND_ENV_VAR] = 'gpu';
    await expect(initBackend()).rejects.toThrow(/environment variable LNN_BACKEND: received "gpu"/);
    await expect(initBackend(null as never)).rejects.toThrow(/options must be an object/);
  });

  it("'auto' starts the best available backend and says what it passed over", async () => {
    const info = await initBackend({ backend: 'auto' });
    const best = availableBackends()[0] as ConcreteBackend;
    const skipped = ['tensorflow-gpu', 'tensorflow'].filter((b) => !installed(BACKEND_PACKAGES[b as ConcreteBackend]));
    expect(info.requested).toBe('auto');
    if (best === 'wasm') {
      expect(info.backend).toBe('wasm');
      expect(info.passedOver.map((p) => p.backend)).toEqual(skipped);
      for (const p of info.passedOver) expect(p.reason).toContain(BACKEND_PACKAGES[p.backend]);
    }
  });

  it('runs concurrent calls one after another, ending on the last one asked for', async () => {
    const results = await Promise.all([
      initBackend({ backend: 'cpu' }),
      initBackend({ backend: 'wasm' }),
      initBackend({ backend: 'cpu' }),
    ]);
    expect(results.map((r) => r.backend)).toEqual(['cpu', 'wasm', 'cpu']);
    expect(tf.getBackend()).toBe('cpu');
  });
});

describe('availableBackends', () => {
  it('lists the embedded backends, best first', () => {
    const list = availableBackends();
    expect(list.slice(-2)).toEqual(['wasm', 'cpu']);
  });
});
