import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { replaceWorkerFactorySource } from './tfjs-threaded-worker-source';

const require = createRequire(import.meta.url);
const backendFile = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist', 'backend_wasm.js');

describe('tfjs-threaded-worker-source', () => {
  it("makes the installed tfjs-backend-wasm hand its workers the factory's own file", () => {
    const code = readFileSync(backendFile, 'utf8');
    const out = replaceWorkerFactorySource(code, backendFile);
    expect(out).toContain("import lnnThreadedFactorySource from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?raw';");
    expect(out).toContain('new Blob([lnnThreadedFactorySource]');
    expect(out).not.toContain('wasmFactoryThreadedSimd.toString()');
  });

  it('fails the build, naming the file, when tfjs no longer builds the workers that way', () => {
    expect(() => replaceWorkerFactorySource('const x = 1;', 'backend_wasm.js')).toThrow(/backend_wasm\.js no longer builds its pthread workers' source/);
  });
});
