/** The package's version, replaced at build time (tsup) and test time (vitest) from its package.json. */
declare const __LNN_VERSION__: string;
