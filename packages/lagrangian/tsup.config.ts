import { defineConfig } from 'tsup';
import { libraryConfig } from '../../config/tsup.base';

export default defineConfig(libraryConfig());
