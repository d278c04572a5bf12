import { fileURLToPath } from 'node:url';
import { docExamples, TYPECHECK_TIMEOUT_MS } from '@lnn/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const suite = docExamples(packageDir);

// Every @example of the public API, type-checked against dist/ and run in a fresh node.
describe('@lnn/graph-lagrangian @example blocks', () => {
  beforeAll(() => suite.typecheck(), TYPECHECK_TIMEOUT_MS);

  it('finds the public-API files and their examples', () => {
    expect(suite.files).toContain('src/index.ts');
    expect(suite.examples.length).toBeGreaterThan(0);
  });

  for (const example of suite.examples) it(example.name, () => suite.check(example));
});
