/**
 * Docs that run: every `@example` in a package's public API, type-checked against the built
 * package and executed in a fresh Node process. A package's `src/examples.test.ts` makes one test
 * per example, named by its file and line:
 *
 *     const suite = docExamples(packageDir);
 *     beforeAll(() => suite.typecheck(), TYPECHECK_TIMEOUT_MS);
 *     for (const e of suite.examples) it(e.name, () => suite.check(e));
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { typecheckExamples, exampleModule, writeExamples } from './check-examples';
import { findExamples, type DocExample } from './find-examples';
import { publicFiles } from './public-files';
import { EXAMPLE_TIMEOUT_MS, runExample } from './run-example';

export { findExamples, type DocExample } from './find-examples';
export { entryFiles, publicFiles } from './public-files';
export { EXAMPLE_TIMEOUT_MS } from './run-example';

/** Time for writing and type-checking a package's examples (one TypeScript program). */
export const TYPECHECK_TIMEOUT_MS = 180_000;

/** An example with its test name, `src/file.ts:line`. */
export type NamedExample = DocExample & { readonly name: string };

/** A package's examples and the two steps that check them. */
export interface DocExampleSuite {
  /** The public-API files searched, relative to the package folder. */
  readonly files: readonly string[];
  readonly examples: readonly NamedExample[];
  /** Writes every example to `.doc-examples/` and type-checks them; throws on errors outside the examples. */
  typecheck(): void;
  /**
   * Throws, with what went wrong, unless `example` was readable, imports the package by its name,
   * type-checked cleanly, and ran to exit 0 printing nothing to stderr.
   */
  check(example: NamedExample): void;
}

/** The `@example` blocks of the package at `packageDir` (its folder, holding package.json). */
export function docExamples(packageDir: string): DocExampleSuite {
  const { name } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { name: string };
  const importsPackage = new RegExp(`from\\s+['"]${name.replace(/[/.]/g, '\\$&')}(/[^'"]*)?['"]`);
  const files = publicFiles(packageDir).map((f) => path.relative(packageDir, f).split(path.sep).join('/'));
  const examples = files.flatMap((f) => findExamples(f, readFileSync(path.join(packageDir, f), 'utf8'))).map((e) => ({ ...e, name: `${e.file}:${e.line}` }));
  let errors: Map<string, string[]> | undefined;
  return {
    files,
    examples,
    typecheck() {
      writeExamples(packageDir, examples);
      errors = typecheckExamples(packageDir, examples);
      const outside = errors.get('') ?? [];
      if (outside.length > 0) throw new Error(`docExamples: type errors outside the examples:\n${outside.join('\n')}`);
    },
    check(example) {
      if (example.problem !== undefined) throw new Error(`${example.name}: ${example.problem}`);
      if (!importsPackage.test(example.code)) throw new Error(`${example.name}: the example does not import from '${name}': show the package as a user imports it.`);
      if (errors === undefined) throw new Error('docExamples: call typecheck() (in beforeAll) before check().');
      const failures = (errors.get(exampleModule(packageDir, example)) ?? []).map((m) => `type error: ${m}`);
      const run = runExample(packageDir, example);
      if (run.status === null) failures.push(`did not finish within ${EXAMPLE_TIMEOUT_MS} ms: examples must be small`);
      else if (run.status !== 0) failures.push(`exited with status ${run.status}`);
      if (run.stderr.trim() !== '') failures.push(`printed to stderr:\n${run.stderr.trim()}`);
      if (failures.length > 0) throw new Error(`${example.name}:\n${failures.join('\n')}\n--- the example ---\n${example.code}\n--- stdout ---\n${run.stdout}`);
    },
  };
}
