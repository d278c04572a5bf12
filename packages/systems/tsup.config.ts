import { defineConfig } from 'tsup';
import { browserConfig, libraryConfig } from '../../config/tsup.base.ts';

// The browser build of the main entry (dist/browser/index.js, the `browser` condition) has
// internal/files.browser.ts in place of Node's file system; `./formula` (mathjs) has none.
export default defineConfig([libraryConfig({ entry: { index: 'src/index.ts', formula: 'src/formula.ts' } }), browserConfig()]);
