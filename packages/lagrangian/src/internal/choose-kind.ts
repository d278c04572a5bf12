import { mlpLagrangianKind } from '../mlp-lagrangian';
import type { LoadModelOptions } from '../model-io';
import type { LoadContext, ModelKind } from '../model-kind';
import { KNOWN_KINDS } from './known-kinds';

const OPTION_KEYS: ReadonlySet<string> = new Set(['kinds', 'context']);

const describe = (x: unknown): string => (typeof x === 'function' ? 'a function' : Array.isArray(x) ? `an array of ${x.length}` : x === null ? 'null' : typeof x === 'object' ? 'an object' : JSON.stringify(x) ?? String(x));

/** The given kinds by name, checked: each `{ kind: string, build: function }`, no two of one name. */
function kindsByName(where: string, kinds: unknown): Map<string, ModelKind> {
  if (!Array.isArray(kinds)) throw new TypeError(`${where}: options.kinds must be an array of model kinds (e.g. [hnnKind]), received ${describe(kinds)}.`);
  const byName = new Map<string, ModelKind>();
  const index = new Map<string, number>();
  kinds.forEach((k: unknown, i) => {
    const candidate = k as Partial<ModelKind> | null;
    if (typeof candidate !== 'object' || candidate === null || typeof candidate.kind !== 'string' || candidate.kind === '' || typeof candidate.build !== 'function') {
      throw new TypeError(`${where}: options.kinds[${i}] must be a model kind { kind: string, build(config, context) }, received ${describe(k)}${typeof candidate === 'object' && candidate !== null ? ` with kind ${describe(candidate.kind)} and build ${describe(candidate.build)}` : ''}.`);
    }
    const earlier = byName.get(candidate.kind);
    if (earlier !== undefined && earlier !== candidate) {
      throw new TypeError(`${where}: options.kinds[${index.get(candidate.kind)}] and options.kinds[${i}] are two different kinds named ${JSON.stringify(candidate.kind)}; give one.`);
    }
    byName.set(candidate.kind, candidate as ModelKind);
    index.set(candidate.kind, i);
  });
  return byName;
}

/**
 * The kind `loadModel` builds a manifest's `kind` with — from `options.kinds`, else this
 * package's own `mlp-lagrangian` — and the context for it; a clear error otherwise: unknown
 * options (such as the old `loadModel(dir, context)` form), bad kinds, or a kind not given.
 */
export function chooseKind(where: string, dir: string, saved: unknown, options: LoadModelOptions): { kind: ModelKind; context: LoadContext } {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object { kinds?, context? }, received ${describe(options)}.`);
  }
  const unknown = Object.keys(options).filter((key) => !OPTION_KEYS.has(key));
  if (unknown.length > 0) {
    throw new TypeError(
      `${where}: options has ${unknown.map((key) => JSON.stringify(key)).join(', ')}, expected only kinds and context. What a model's build needs goes in options.context: ` +
        `loadModel(dir, { kinds, context: { ${unknown.join(', ')} } }), not loadModel(dir, { ${unknown.join(', ')} }).`,
    );
  }
  const { kinds = [], context = {} } = options;
  if (typeof context !== 'object' || context === null || Array.isArray(context)) throw new TypeError(`${where}: options.context must be an object, received ${describe(context)}.`);
  const byName = kindsByName(where, kinds);
  if (!byName.has(mlpLagrangianKind.kind)) byName.set(mlpLagrangianKind.kind, mlpLagrangianKind);
  const name = String(saved);
  const kind = byName.get(name);
  if (kind !== undefined) return { kind, context };
  const given = [...byName.keys()].join(', ');
  const known = Object.hasOwn(KNOWN_KINDS, name) ? KNOWN_KINDS[name] : undefined;
  throw new Error(
    `${where}: ${dir} holds a model of kind ${JSON.stringify(saved)}, which is not among the kinds given (${given}). ` +
      (known === undefined
        ? `No lnn package defines it: pass its kind in options.kinds, e.g. loadModel(dir, { kinds: [{ kind: ${JSON.stringify(name)}, build: (config) => new YourModel(config) }] }).`
        : `${known.packageName} exports it as ${known.exportName}: import { ${known.exportName} } from '${known.packageName}'; loadModel(dir, { kinds: [${known.exportName}] }).`),
  );
}
