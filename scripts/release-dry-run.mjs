#!/usr/bin/env node
// `pnpm release:dry-run`: what `pnpm release` (changeset publish) would upload, without uploading —
// `pnpm publish --dry-run` in every publishable package (workspace:/catalog: versions replaced, as
// in a real publish). Fails if a package is not public-scoped (publishConfig.access) or a dry run
// fails; warns while the repository, homepage and bugs fields are unset. Run after `pnpm build`.
// Needs no npm login (a dry run only asks the registry which versions exist).
import { spawnSync } from 'node:child_process';
import { workspacePackages } from './workspace.mjs';

const failures = [];
const unset = new Set();
for (const { folder, manifest } of workspacePackages().filter((p) => !p.manifest.private)) {
  if (manifest.publishConfig?.access !== 'public') failures.push(`${manifest.name}: publishConfig.access must be "public" (a scoped package is private on npm by default)`);
  for (const field of ['repository', 'homepage', 'bugs']) if (manifest[field] === undefined) unset.add(field);
  const result = spawnSync('pnpm', ['publish', '--dry-run', '--no-git-checks'], { cwd: folder, encoding: 'utf8' });
  const published = `${result.stdout}${result.stderr}`.includes(`+ ${manifest.name}@${manifest.version}`);
  console.log(`${published ? 'ok  ' : 'FAIL'} ${manifest.name}@${manifest.version}`);
  if (result.status !== 0 || !published) failures.push(`${manifest.name}: pnpm publish --dry-run failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
}
if (unset.size > 0) {
  console.warn(`warning: ${[...unset].join(', ')} unset in the packages: set them before the first real publish (the public repository's URL is not decided yet).`);
}
if (failures.length > 0) {
  console.error(`\nRelease dry run failed:\n${failures.join('\n')}`);
  process.exit(1);
}
console.log('\nRelease dry run passed for every publishable package.');
