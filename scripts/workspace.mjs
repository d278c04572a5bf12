// The workspace's package folders, read from pnpm-workspace.yaml's `packages:` globs (dir/* only).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');

export function workspacePackages() {
  const yaml = readFileSync(path.join(root, 'pnpm-workspace.yaml'), 'utf8');
  const block = yaml.split(/^packages:\s*$/m)[1]?.split(/^\S/m)[0] ?? '';
  const globs = [...block.matchAll(/^\s+-\s+['"]?([^'"\s]+)\/\*['"]?\s*$/gm)].map((m) => m[1]);
  return globs.flatMap((dir) =>
    readdirSync(path.join(root, dir), { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(path.join(root, dir, e.name, 'package.json')))
      .map((e) => {
        const folder = path.join(root, dir, e.name);
        return { folder, manifest: JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) };
      }),
  );
}
