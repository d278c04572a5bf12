import { REPORT_SCHEMA, REPORT_SCHEMA_VERSION } from './report';

const finite = { type: 'number' } as const;
const count = { type: 'integer', minimum: 0 } as const;

/**
 * JSON Schema (draft-07) of {@link BenchReport}: `pnpm bench --schema` prints it; the test checks a
 * tiny run against it.
 */
export const reportJsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: `urn:lnn:${REPORT_SCHEMA}:v${REPORT_SCHEMA_VERSION}`,
  title: 'lnn benchmark report',
  type: 'object',
  additionalProperties: false,
  required: ['schema', 'schemaVersion', 'createdAt', 'command', 'mode', 'machine', 'backend', 'versions', 'wallTimeSeconds', 'records'],
  properties: {
    schema: { const: REPORT_SCHEMA },
    schemaVersion: { const: REPORT_SCHEMA_VERSION },
    createdAt: { type: 'string', format: 'date-time' },
    command: { type: 'string' },
    mode: { enum: ['quick', 'full'] },
    machine: {
      type: 'object',
      additionalProperties: false,
      required: ['cpu', 'cores', 'memoryGiB', 'platform', 'node'],
      properties: { cpu: { type: 'string' }, cores: count, memoryGiB: finite, platform: { type: 'string' }, node: { type: 'string' } },
    },
    backend: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'simd', 'threads'],
      properties: { name: { type: 'string' }, simd: { type: 'boolean' }, threads: count },
    },
    versions: { type: 'object', additionalProperties: { type: 'string' } },
    wallTimeSeconds: { type: 'number', minimum: 0 },
    records: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'case', 'title', 'unit', 'value', 'better', 'parameters', 'memory', 'backend'],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9-]+(\\.[a-z0-9-]+)+$' },
          case: { type: 'string', pattern: '^[a-z0-9-]+$' },
          title: { type: 'string', minLength: 1 },
          unit: { enum: ['ms', 'x', 'slope', 'per-second'] },
          value: finite,
          better: { enum: ['lower', 'higher'] },
          timing: {
            type: 'object',
            additionalProperties: false,
            required: ['median', 'min', 'max', 'repetitions', 'warmup'],
            properties: { median: { type: 'number', minimum: 0 }, min: { type: 'number', minimum: 0 }, max: { type: 'number', minimum: 0 }, repetitions: { type: 'integer', minimum: 1 }, warmup: count },
          },
          parameters: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
          memory: {
            type: 'object',
            additionalProperties: false,
            required: ['peakRssMiB', 'tfTensors', 'tfMiB'],
            properties: { peakRssMiB: { type: 'number', minimum: 0 }, tfTensors: count, tfMiB: { type: 'number', minimum: 0 } },
          },
          backend: { type: 'string' },
        },
      },
    },
  },
} as const;
