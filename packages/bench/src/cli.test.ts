import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

describe('built bench CLI under plain Node', () => {
  it('describes the machine and starts the embedded backends', () => {
    const result = spawnSync(process.execPath, [cli], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/backend wasm: starts in \d+ ms \(SIMD\)/);
    expect(result.stdout).toMatch(/backend cpu: starts in \d+ ms/);
  });
});
