/**
 * The Node file-system calls that saving, loading and checkpoints make, in one place: the browser
 * build replaces this module with `files.browser.ts`, which has the same exports and no Node.
 */
export { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
export { default as path } from 'node:path';
