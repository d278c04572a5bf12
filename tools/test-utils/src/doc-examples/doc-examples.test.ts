import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findExamples } from './find-examples';
import { docExamples } from './index';
import { publicFiles } from './public-files';

/** Writes `files` (path → text) under `dir`, creating folders. */
function writeTree(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
}

const source = [
  '/**', //                                           1
  ' * Adds.', //                                      2
  ' *', //                                            3
  ' * @param a - left', //                            4
  ' * @example', //                                   5
  ' * const x = add(1, 2);', //                       6
  ' * if (x > 0) {', //                               7
  ' *   console.log(x);', //                          8
  ' * }', //                                          9
  ' * @returns the sum', //                           10
  ' */', //                                           11
  'export const add = (a: number, b: number) => a + b;', // 12
  '/** Prose mentions `@example` in backticks. */', // 13
  '/**', //                                           14
  ' * @example Fenced, with a title', //              15
  ' * ```ts', //                                      16
  ' * add(3, 4);', //                                 17
  ' * ```', //                                        18
  ' */', //                                           19
].join('\n');

describe('findExamples', () => {
  it('reads each block up to the next tag, keeps indentation and maps lines', () => {
    const [plain, fenced, ...rest] = findExamples('src/add.ts', source);
    expect(rest).toEqual([]);
    expect(plain).toEqual({ file: 'src/add.ts', line: 5, codeLine: 6, code: 'const x = add(1, 2);\nif (x > 0) {\n  console.log(x);\n}' });
    expect(fenced).toEqual({ file: 'src/add.ts', line: 15, codeLine: 17, code: 'add(3, 4);' });
  });

  it('returns a problem, not nothing, for blocks that are not code', () => {
    const problems = (text: string) => findExamples('f.ts', text).map((e) => e.problem);
    expect(problems('/**\n * @example\n */')).toEqual(['the example is empty']);
    expect(problems('/**\n * @example\n * ```ts\n * x;\n */')[0]).toMatch(/1 code fences/);
    expect(problems('/**\n * @example a title only\n * x;\n */')[0]).toMatch(/no fenced code/);
    expect(problems('/** see @example below */')[0]).toMatch(/not at the start/);
  });
});

describe('publicFiles', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lnn-public-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('follows re-exports from every subpath entry, not plain imports', () => {
    writeTree(dir, {
      'package.json': JSON.stringify({ name: 'p', exports: { '.': { types: './dist/index.d.ts' }, './extra': { import: { types: './dist/extra.d.ts' } }, './package.json': './package.json' } }),
      'src/index.ts': "export { a } from './a';\nexport * as ns from './ns/index';\nimport { b } from './b';\nexport { b };\nimport { c } from './internal/c';\nc();\n",
      'src/a.ts': "import { c } from './internal/c';\nexport const a = c;\n",
      'src/b.ts': 'export const b = 1;\n',
      'src/ns/index.ts': "export { d } from '../d';\n",
      'src/d.ts': 'export const d = 1;\n',
      'src/internal/c.ts': 'export const c = () => 1;\n',
      'src/extra/index.ts': 'export const e = 1;\n',
    });
    const found = publicFiles(dir).map((f) => path.relative(dir, f).split(path.sep).join('/'));
    expect(found).toEqual(['src/a.ts', 'src/b.ts', 'src/d.ts', 'src/extra/index.ts', 'src/index.ts', 'src/ns/index.ts']);
  });
});

describe('docExamples', () => {
  // Inside this package (git-ignored), so that @types/node resolves from its node_modules.
  const here = fileURLToPath(new URL('../..', import.meta.url));
  mkdirSync(path.join(here, '.doc-examples'), { recursive: true });
  const dir = mkdtempSync(path.join(here, '.doc-examples', 'fixture-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const examples = [
    "import { double } from '@fixture/pkg';\nconsole.log(double(2));",
    'console.log(2 * 2);',
    "import { double } from '@fixture/pkg';\ndouble('two');",
    "import { double } from '@fixture/pkg';\nif (double(1) === 2) throw new Error('boom');",
    "import { double } from '@fixture/pkg';\nconsole.error(double(1));",
  ];
  writeTree(dir, {
    'package.json': JSON.stringify({ name: '@fixture/pkg', type: 'module', exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } } }),
    'dist/index.js': 'export const double = (x) => 2 * x;\n',
    'dist/index.d.ts': 'export declare const double: (x: number) => number;\n',
    'src/index.ts': `/**\n * Doubles.\n${examples.map((e) => ` * @example\n${e.split('\n').map((l) => ` * ${l}`).join('\n')}\n`).join('')} */\nexport const double = (x: number) => 2 * x;\n`,
  });

  it('passes a good example and fails each kind of bad one, naming what went wrong', () => {
    const suite = docExamples(dir);
    expect(suite.examples.map((e) => e.name)).toEqual([3, 6, 8, 11, 14].map((line) => `src/index.ts:${line}`));
    suite.typecheck();
    const [good, noImport, typeError, throws, stderr] = suite.examples as [never, never, never, never, never];
    expect(() => suite.check(good)).not.toThrow();
    expect(() => suite.check(noImport)).toThrow(/src\/index.ts:6: the example does not import from '@fixture\/pkg'/);
    expect(() => suite.check(typeError)).toThrow(/type error: src\/index.ts:10: Argument of type 'string'/);
    expect(() => suite.check(throws)).toThrow(/exited with status 1[\s\S]*boom/);
    expect(() => suite.check(stderr)).toThrow(/printed to stderr:\n2/);
  });
});
