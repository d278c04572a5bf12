/**
 * Type-checks examples the way a user's TypeScript project sees them: each example is a module of
 * its own in `<package>/.doc-examples/`, importing the package by its name (resolved through its
 * `exports` to the built declarations in dist/) and its other dependencies from the package's
 * node_modules, under `strict` with Node's ESM resolution (top-level await allowed).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { DocExample } from './find-examples';

/** What a user's tsconfig for a Node ESM project would say. */
const USER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2022.d.ts'],
  types: ['node'],
  skipLibCheck: true,
  noEmit: true,
};

/** The folder examples are written to (git-ignored), emptied by {@link writeExamples}. */
export function examplesDir(packageDir: string): string {
  return path.join(packageDir, '.doc-examples');
}

/** The module an example is written to: its file and line, e.g. `jet.dense.ts-L14.ts`. */
export function exampleModule(packageDir: string, example: DocExample): string {
  return path.join(examplesDir(packageDir), `${example.file.replace(/^src\//, '').replaceAll('/', '.')}-L${example.line}.ts`);
}

/** Writes every readable example as a module (`export {}` keeps each in its own scope). */
export function writeExamples(packageDir: string, examples: readonly DocExample[]): void {
  rmSync(examplesDir(packageDir), { recursive: true, force: true });
  mkdirSync(examplesDir(packageDir), { recursive: true });
  for (const e of examples) if (e.problem === undefined) writeFileSync(exampleModule(packageDir, e), `${e.code}\nexport {};\n`);
}

/** One diagnostic as `src/file.ts:line: message`, on the example's own source line. */
function describe(diagnostic: ts.Diagnostic, example: DocExample | undefined): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (diagnostic.file === undefined || diagnostic.start === undefined) return message;
  const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  if (example === undefined) return `${diagnostic.file.fileName}:${line + 1}: ${message}`;
  return `${example.file}:${example.codeLine + line}: ${message}`;
}

/**
 * Type-checks the written examples in one program and returns each example's errors (keyed by its
 * module path); errors outside any example (options, declaration files) are under the key `''`.
 */
export function typecheckExamples(packageDir: string, examples: readonly DocExample[]): Map<string, string[]> {
  const byModule = new Map(examples.filter((e) => e.problem === undefined).map((e) => [exampleModule(packageDir, e), e] as const));
  const program = ts.createProgram([...byModule.keys()], USER_OPTIONS);
  const errors = new Map<string, string[]>([['', []], ...[...byModule.keys()].map((m) => [m, []] as [string, string[]])]);
  for (const d of ts.getPreEmitDiagnostics(program)) {
    if (d.category !== ts.DiagnosticCategory.Error) continue;
    const module = d.file === undefined ? '' : path.resolve(d.file.fileName);
    const example = byModule.get(module);
    (errors.get(example === undefined ? '' : module) as string[]).push(describe(d, example));
  }
  return errors;
}

/** The example compiled to JavaScript (types erased, imports kept), as Node will run it. */
export function transpileExample(example: DocExample): string {
  return ts.transpileModule(`${example.code}\nexport {};\n`, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: false },
    fileName: example.file,
  }).outputText;
}
