#!/usr/bin/env node
// Packs every publishable package as `pnpm publish` would (workspace: and catalog: versions
// replaced), then checks each tarball with publint (package.json, exports, files) and
// are-the-types-wrong (types for import and require under every resolution mode). Run after a build.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root, workspacePackages } from './workspace.mjs';

const out = mkdtempSync(path.join(os.tmpdir(), 'lnn-packs-'));
const failures = [];
try {
  for (const { folder, manifest } of workspacePackages().filter((p) => !p.manifest.private)) {
    const before = new Set(readdirSync(out));
    execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: folder, stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = readdirSync(out).find((f) => !before.has(f));
    if (tarball === undefined) throw new Error(`pnpm pack produced nothing for ${manifest.name}`);
    const file = path.join(out, tarball);
    console.log(`\n── ${manifest.name} (${tarball})`);
    const listing = execFileSync('tar', ['-xOzf', file, 'package/package.json'], { encoding: 'utf8' });
    if (/"(workspace|catalog):/.test(listing)) failures.push(`${manifest.name}: packed package.json still has workspace:/catalog: versions`);
    const contents = execFileSync('tar', ['-tzf', file], { encoding: 'utf8' }).split('\n');
    if (!contents.includes('package/LICENSE')) failures.push(`${manifest.name}: the tarball has no LICENSE`);
    // README links must work on npm: absolute, an anchor, or a file inside the tarball.
    const readme = execFileSync('tar', ['-xOzf', file, 'package/README.md'], { encoding: 'utf8' });
    for (const [, target] of readme.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^(https?:|mailto:|#)/.test(target)) continue;
      const inside = path.posix.normalize(path.posix.join('package', target.split('#')[0]));
      if (!contents.includes(inside)) failures.push(`${manifest.name}: README links to ${target}, which is not in the tarball (use an absolute link)`);
    }
    for (const [tool, args] of [
      ['publint', ['run', file, '--strict']],
      ['attw', [file, '--profile', 'strict', '--format', 'table-flipped']],
    ]) {
      const result = spawnSync('pnpm', ['exec', tool, ...args], { cwd: root, stdio: 'inherit' });
      if (result.status !== 0) failures.push(`${manifest.name}: ${tool} failed`);
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
if (failures.length > 0) {
  console.error(`\nPacked-tarball check failed:\n${failures.map((f) => `  ${f}`).join('\n')}`);
  process.exit(1);
}
console.log('\nPacked-tarball check passed for every publishable package.');
