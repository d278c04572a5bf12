import { defineConfig } from 'tsup';
import { libraryConfig } from '../../config/tsup.base.ts';

// Commands, not a library: ESM entries, no type declarations.
export default defineConfig(
  libraryConfig({ entry: ['src/cli.ts', 'src/jet-vs-general-cli.ts', 'src/ground-truth-cli.ts', 'src/lnn-cli.ts', 'src/baselines-cli.ts', 'src/graph-cli.ts', 'src/graph-scaling-cli.ts', 'src/positions-cli.ts'], format: ['esm'], dts: false }),
);
