/** The browser build's `logicalCores`: `navigator.hardwareConcurrency`, else 1. */
export async function logicalCores(): Promise<number> {
  const reported = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return typeof reported === 'number' && reported >= 1 ? Math.floor(reported) : 1;
}
