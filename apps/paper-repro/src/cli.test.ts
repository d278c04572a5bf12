import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const run = (...args: string[]) =>
  spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, LNN_BACKEND: '' } });

describe('built repro CLI under plain Node', () => {
  it('prints the plan on the default backend', () => {
    const result = run('--only', 'wave', '--backend', 'cpu', '--dry-run');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('quick mode');
    expect(result.stdout).toContain('backend: cpu');
    expect(result.stdout).toContain('1. 1D wave equation');
    expect(result.stdout).not.toContain('not available yet'); // experiment 3 is wired in
    expect(result.stdout).toContain('this run: density 6→32→32→1');
    expect(result.stdout).not.toContain('Double pendulum');
  });

  it('exits 2 with usage on a bad option', () => {
    const result = run('--seed', 'x');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--seed: received 'x'");
    expect(result.stderr).toContain('Usage: pnpm repro');
  });
});
