// Provided at build time by build/tfjs-gradients.ts (tsup) and its vite plugin (vitest).
declare module 'virtual:tfjs-gradient-configs' {
  import type { GradConfig } from '@tensorflow/tfjs-core';
  /** Every gradient rule that tfjs-core's `register_all_gradients.js` registers. */
  export const tfjsGradConfigs: readonly GradConfig[];
}
