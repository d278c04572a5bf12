import { defineConfig } from 'tsup';
import { libraryConfig } from '../../config/tsup.base.ts';

// An application: one ESM entry, no type declarations.
export default defineConfig(libraryConfig({ entry: ['src/cli.ts', 'src/ablation.ts', 'src/compare.ts'], format: ['esm'], dts: false }));
