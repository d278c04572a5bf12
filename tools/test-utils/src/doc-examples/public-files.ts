/**
 * The files of a package's public API: its entry points (one per subpath of package.json's
 * `exports`, built from `src/<name>.ts` or `src/<name>/index.ts`), and every file they re-export
 * from, followed through re-exports of re-exports. A file that is only imported (an internal
 * helper) is not public: its names cannot be imported from the package.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

type ExportEntry = string | { readonly [condition: string]: ExportEntry };

/** The declaration file a subpath's `types` condition names (the first found). */
function typesPath(entry: ExportEntry): string | undefined {
  if (typeof entry === 'string') return entry.endsWith('.d.ts') ? entry : undefined;
  if (typeof entry.types === 'string') return entry.types;
  for (const value of Object.values(entry)) {
    const found = typesPath(value);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The source file a relative module specifier in `from` names, or undefined if none exists. */
function resolveRelative(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier.replace(/\.(js|ts)$/, ''));
  return [`${base}.ts`, path.join(base, 'index.ts')].find((f) => existsSync(f));
}

/** The package's entry source files, one per subpath export with types. */
export function entryFiles(packageDir: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { name: string; exports?: Record<string, ExportEntry> };
  const entries: string[] = [];
  for (const [subpath, entry] of Object.entries(manifest.exports ?? {})) {
    const types = typesPath(entry);
    if (types === undefined) continue; // e.g. ./package.json
    const name = path.basename(types).replace(/\.d\.c?ts$/, '');
    const file = [path.join(packageDir, 'src', `${name}.ts`), path.join(packageDir, 'src', name, 'index.ts')].find((f) => existsSync(f));
    if (file === undefined) throw new Error(`entryFiles: ${manifest.name} exports '${subpath}' (types ${types}), but neither src/${name}.ts nor src/${name}/index.ts exists.`);
    entries.push(file);
  }
  return entries;
}

/** The files `file` re-exports from: `export … from './x'`, and `export { a }` of an imported `a`. */
function reExported(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const importedFrom = new Map<string, string>();
  const targets: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      const names = [clause?.name, ...(clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements.map((e) => e.name) : [])];
      if (clause?.namedBindings && ts.isNamespaceImport(clause.namedBindings)) names.push(clause.namedBindings.name);
      for (const n of names) if (n !== undefined) importedFrom.set(n.text, statement.moduleSpecifier.text);
    }
    if (!ts.isExportDeclaration(statement)) continue;
    if (statement.moduleSpecifier !== undefined && ts.isStringLiteral(statement.moduleSpecifier)) {
      targets.push(statement.moduleSpecifier.text);
    } else if (statement.exportClause !== undefined && ts.isNamedExports(statement.exportClause)) {
      for (const e of statement.exportClause.elements) {
        const from = importedFrom.get((e.propertyName ?? e.name).text);
        if (from !== undefined) targets.push(from);
      }
    }
  }
  return targets.flatMap((t) => resolveRelative(file, t) ?? []);
}

/** The package's public-API source files (absolute paths), sorted. */
export function publicFiles(packageDir: string): string[] {
  const seen = new Set<string>();
  const queue = entryFiles(packageDir);
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...reExported(file));
  }
  return [...seen].sort();
}
