import * as tf from '@tensorflow/tfjs-core';
import type { BenchCase, CaseContext } from './bench-case';
import type { BenchRecord, RecordMemory } from './report';

/** Memory now: the process's peak RSS so far (`maxRSS`), and tfjs's live tensors. */
export function memoryNow(): RecordMemory {
  const { numTensors, numBytes } = tf.memory();
  return { peakRssMiB: process.resourceUsage().maxRSS / 1024, tfTensors: numTensors, tfMiB: numBytes / 2 ** 20 };
}

/** Runs cases in order; each record gets its case, the memory when the case ended, and its backend. */
export async function runCases(cases: readonly BenchCase[], context: CaseContext): Promise<BenchRecord[]> {
  const records: BenchRecord[] = [];
  for (const c of cases) {
    const started = performance.now();
    context.log(`${c.id}: ${c.title}…`);
    const measurements = await c.run(context);
    const memory = memoryNow();
    for (const m of measurements) {
      if (!m.id.startsWith(`${c.id}.`)) throw new Error(`bench: case ${c.id} reported a record ${m.id} outside its namespace`);
      if (!Number.isFinite(m.value)) throw new Error(`bench: ${m.id} measured a non-finite value (${m.value})`);
      records.push({ ...m, case: c.id, memory, backend: m.backend ?? context.backend });
    }
    context.log(`${c.id}: ${measurements.length} figures in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return records;
}
