/**
 * The logical cores this runtime reports: `os.availableParallelism()` in Node,
 * `navigator.hardwareConcurrency` in browsers, else 1. (The browser build uses
 * `logical-cores.browser.ts`, which has no Node branch.)
 */
export async function logicalCores(): Promise<number> {
  if (globalThis.process?.versions?.node !== undefined) {
    const os = await import('node:os');
    return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  }
  const reported = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return typeof reported === 'number' && reported >= 1 ? Math.floor(reported) : 1;
}
