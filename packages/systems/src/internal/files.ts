/**
 * The Node file-system calls of `writeDataset` and `readDataset`, in one place: the browser build
 * replaces this module with `files.browser.ts`, which has the same exports and no Node.
 */
export { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
export { default as path } from 'node:path';
