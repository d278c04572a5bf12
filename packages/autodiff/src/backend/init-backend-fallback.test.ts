import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConcreteBackend } from './backend-name';
import { BackendInitError, BackendUnavailableError } from './errors';
import type * as Loaders from './loaders';

// Which backends "start" in this file: the real loaders are replaced, so the choice logic of
// initBackend (fallbacks, 'auto' order, what is reported) is tested without tfjs-node or a broken wasm.
const starts = new Set<ConcreteBackend>();
vi.mock('./loaders', async (importOriginal) => {
  const original = await importOriginal<typeof Loaders>();
  return {
    ...original,
    loadBackend: async (backend: ConcreteBackend) => {
      if (backend === 'tensorflow-gpu') throw new BackendUnavailableError(backend, '@tensorflow/tfjs-node-gpu');
      if (!starts.has(backend)) throw new BackendInitError(backend, 'simulated failure');
      return { tfjsName: backend };
    },
  };
});
vi.mock('@tensorflow/tfjs-core', () => ({ getBackend: () => 'none', version_core: 'test' }));
vi.mock('../gradients/register-gradients', () => ({ registerGradients: () => undefined }));

const { initBackend } = await import('./init-backend');

beforeEach(() => {
  starts.clear();
  delete process.env.LNN_BACKEND;
});

describe('initBackend choice', () => {
  it('falls back from the default wasm to cpu, and reports why', async () => {
    starts.add('cpu');
    const info = await initBackend();
    expect(info.backend).toBe('cpu');
    expect(info.passedOver).toEqual([
      { backend: 'wasm', reason: "initBackend: backend 'wasm' failed to initialise: simulated failure" },
    ]);
  });

  it('does not fall back when wasm was asked for by name', async () => {
    starts.add('cpu');
    await expect(initBackend({ backend: 'wasm' })).rejects.toBeInstanceOf(BackendInitError);
  });

  it("'auto' tries tensorflow-gpu, tensorflow, wasm, cpu in that order", async () => {
    starts.add('tensorflow').add('wasm');
    const first = await initBackend({ backend: 'auto' });
    expect(first.backend).toBe('tensorflow');
    expect(first.passedOver.map((p) => p.backend)).toEqual(['tensorflow-gpu']);
    starts.delete('tensorflow');
    const second = await initBackend({ backend: 'auto' });
    expect(second.backend).toBe('wasm');
    expect(second.passedOver.map((p) => p.backend)).toEqual(['tensorflow-gpu', 'tensorflow']);
  });

  it("'auto' reports the last failure when nothing starts", async () => {
    await expect(initBackend({ backend: 'auto' })).rejects.toThrow("backend 'cpu' failed to initialise");
  });
});
