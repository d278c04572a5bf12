import { defineConfig } from 'tsup';
import { libraryConfig } from '../../config/tsup.base.ts';

export default defineConfig(libraryConfig());
