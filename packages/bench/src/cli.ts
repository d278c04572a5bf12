#!/usr/bin/env node
/**
 * `pnpm bench`: the benchmark suite. At this stage it describes the machine and the backends it
 * can measure; the cases, the runner and the reports arrive with issue 8.
 */
import os from 'node:os';
import { availableBackends, initBackend } from '@lnn/autodiff';
import { version } from './version';

async function main(): Promise<void> {
  const cpus = os.cpus();
  console.log(`lnn bench ${version}: node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`);
  for (const backend of availableBackends()) {
    const started = performance.now();
    try {
      const info = await initBackend({ backend });
      console.log(`  backend ${info.backend}: starts in ${(performance.now() - started).toFixed(0)} ms${info.simd ? ' (SIMD)' : ''}`);
    } catch (error) {
      console.log(`  backend ${backend}: does not start: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  console.log('No benchmark cases yet: the suite arrives with issue 8.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
