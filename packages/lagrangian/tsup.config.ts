import { defineConfig } from 'tsup';
import { browserConfig, libraryConfig } from '../../config/tsup.base.ts';

// The browser build (dist/browser/index.js, the `browser` condition) has internal/files.browser.ts
// in place of Node's file system.
export default defineConfig([libraryConfig(), browserConfig()]);
