import { type ConstDirectiveNode, type DocumentNode, Kind, valueFromASTUntyped } from 'graphql';

/** Specs whose directives the gateway enforces, by the `@link` URL they are imported from (version stripped). */
export const LinkedSpec = {
  cost: 'https://specs.apollo.dev/cost',
  authenticated: 'https://specs.apollo.dev/authenticated',
  requiresScopes: 'https://specs.apollo.dev/requiresScopes',
} as const;
export type LinkedSpec = (typeof LinkedSpec)[keyof typeof LinkedSpec];

/**
 * Finds the names a supergraph uses for directives of a linked spec. A supergraph may import `@cost` as `@myCost`,
 * or not import it at all and write `@cost__listSize`; the `@link(url:, as:, import:)` on the schema says which.
 * Without a `@link` to the spec, the plain names are used. Returns canonical name → local name (without `@`).
 */
export function findLinkedDirectiveNames(
  document: DocumentNode,
  specUrl: LinkedSpec,
  names: readonly string[],
): Map<string, string> {
  const link = findLink(document, specUrl);
  const found = new Map<string, string>();
  for (const name of names) {
    if (!link) {
      found.set(name, name);
      continue;
    }
    const imported = link.imports.get(name);
    if (imported) found.set(name, imported);
    else found.set(name, name === link.specName ? link.prefix : `${link.prefix}__${name}`);
  }
  return found;
}

interface Link {
  specName: string;
  prefix: string;
  imports: Map<string, string>;
}

function findLink(document: DocumentNode, specUrl: string): Link | undefined {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'link') continue;
      const args = readArguments(directive);
      const url = args.url;
      if (typeof url !== 'string' || !url.startsWith(`${specUrl}/v`)) continue;
      const specName = specUrl.slice(specUrl.lastIndexOf('/') + 1);
      const imports = new Map<string, string>();
      for (const entry of Array.isArray(args.import) ? args.import : []) {
        if (typeof entry === 'string') imports.set(entry.replace(/^@/, ''), entry.replace(/^@/, ''));
        else if (isRecord(entry) && typeof entry.name === 'string') {
          const local = typeof entry.as === 'string' ? entry.as : entry.name;
          imports.set(entry.name.replace(/^@/, ''), local.replace(/^@/, ''));
        }
      }
      return { specName, prefix: typeof args.as === 'string' ? args.as : specName, imports };
    }
  }
  return undefined;
}

/** Reads a directive's arguments as plain values. */
export function readArguments(directive: ConstDirectiveNode): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const arg of directive.arguments ?? []) args[arg.name.value] = valueFromASTUntyped(arg.value);
  return args;
}

/** True for a non-null, non-array object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The uses of a spec's directives on one schema element, by canonical name, in either form a supergraph carries
 * them: the directive itself under its local name, or `@join__directive(graphs:, name:, args:)`.
 */
export function readLinkedDirectives(
  directives: readonly ConstDirectiveNode[] | undefined,
  localNames: Map<string, string>,
): Array<{ name: string; args: Record<string, unknown> }> {
  const uses: Array<{ name: string; args: Record<string, unknown> }> = [];
  for (const directive of directives ?? []) {
    const local = directive.name.value;
    if (local === 'join__directive') {
      const joined = readArguments(directive);
      const name = typeof joined.name === 'string' ? joined.name.replace(/^@/, '') : '';
      const canonical = canonicalNameOf(name, localNames);
      if (canonical) uses.push({ name: canonical, args: isRecord(joined.args) ? joined.args : {} });
      continue;
    }
    const canonical = canonicalNameOf(local, localNames, false);
    if (canonical) uses.push({ name: canonical, args: readArguments(directive) });
  }
  return uses;
}

function canonicalNameOf(name: string, localNames: Map<string, string>, acceptCanonical = true): string | undefined {
  for (const [canonical, local] of localNames) {
    if (local === name || (acceptCanonical && canonical === name)) return canonical;
  }
  return undefined;
}
