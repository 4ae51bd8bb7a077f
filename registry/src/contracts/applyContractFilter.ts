import { printSchema, Supergraph } from '@apollo/federation-internals';
import {
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  Kind,
  parse,
  print,
  type TypeNode,
} from 'graphql';
import type { SchemaError } from '../changes/types';

/** Which tagged elements a contract keeps. */
export interface ContractFilter {
  /** When not empty, object and interface fields (and unions) are kept only with one of these tags on them or their type. */
  include: readonly string[];
  /** Elements with one of these tags, or whose parent has one, are removed. Wins over `include`. */
  exclude: readonly string[];
}

/** A contract's supergraph: the source's with filtered elements `@inaccessible`, or why that does not compose. */
export type ContractResult =
  | { ok: true; supergraphSdl: string; apiSchemaSdl: string; removedTypes: string[] }
  | { ok: false; errors: SchemaError[] };

const INACCESSIBLE_LINK = 'https://specs.apollo.dev/inaccessible/v0.2';
const INACCESSIBLE_LOCATIONS =
  'FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION';
const builtInScalars = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

type TypeDefinition = Extract<DefinitionNode, { name: { value: string }; kind: `${string}TypeDefinition` }>;

/** The name a spec's directive has in this supergraph (its `@link(as:)`, else the spec's own), if it is linked. */
function linkedName(document: DocumentNode, spec: string, fallback: string): string | undefined {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'link') continue;
      const url = directive.arguments?.find((argument) => argument.name.value === 'url')?.value;
      if (url?.kind !== Kind.STRING || !url.value.startsWith(spec)) continue;
      const as = directive.arguments?.find((argument) => argument.name.value === 'as')?.value;
      return as?.kind === Kind.STRING ? as.value : fallback;
    }
  }
  return undefined;
}

function tagsOf(directives: readonly ConstDirectiveNode[] | undefined, tagName: string | undefined): string[] {
  if (!tagName) return [];
  return (directives ?? []).flatMap((directive) => {
    if (directive.name.value !== tagName) return [];
    const name = directive.arguments?.find((argument) => argument.name.value === 'name')?.value;
    return name?.kind === Kind.STRING ? [name.value] : [];
  });
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function isInternal(name: string): boolean {
  return name.includes('__') || name.startsWith('_');
}

/**
 * Applies a contract's tag filter to a composed supergraph, as Apollo's contracts do: what the filter leaves out is
 * made `@inaccessible` (object and interface types whose fields all went, too), then every type no longer reachable
 * from the root types, and the result is built as a supergraph again, whose API schema the contract serves. What
 * then breaks the inaccessible rules (a kept field returning a removed type, a root type left without fields) is
 * returned as errors with Apollo's codes: the contract no longer composes.
 */
export function applyContractFilter(supergraphSdl: string, filter: ContractFilter): ContractResult {
  const document = parse(supergraphSdl);
  const tagName = linkedName(document, 'https://specs.apollo.dev/tag/', 'tag');
  let inaccessibleName = linkedName(document, 'https://specs.apollo.dev/inaccessible/', 'inaccessible');
  const definitions: DefinitionNode[] = [...document.definitions];
  if (!inaccessibleName) {
    inaccessibleName = 'inaccessible';
    const link = parse(`extend schema @link(url: "${INACCESSIBLE_LINK}", for: SECURITY)`).definitions[0];
    const at = definitions.findIndex((definition) => definition.kind === Kind.SCHEMA_DEFINITION);
    const schemaDefinition = definitions[at];
    if (schemaDefinition?.kind === Kind.SCHEMA_DEFINITION && link?.kind === Kind.SCHEMA_EXTENSION) {
      definitions[at] = {
        ...schemaDefinition,
        directives: [...(schemaDefinition.directives ?? []), ...(link.directives ?? [])],
      };
    }
    definitions.push(...parse(`directive @inaccessible on ${INACCESSIBLE_LOCATIONS}`).definitions);
  }
  const inaccessible: ConstDirectiveNode = {
    kind: Kind.DIRECTIVE,
    name: { kind: Kind.NAME, value: inaccessibleName },
    arguments: [],
  };
  const include = new Set(filter.include);
  const exclude = new Set(filter.exclude);
  const hits = (tags: string[], set: Set<string>) => tags.some((tag) => set.has(tag));
  const isInaccessible = (directives: readonly { name: { value: string } }[] | undefined) =>
    (directives ?? []).some((directive) => directive.name.value === inaccessibleName);
  const hide = <Node extends { directives?: readonly ConstDirectiveNode[] }>(node: Node): Node =>
    isInaccessible(node.directives) ? node : { ...node, directives: [...(node.directives ?? []), inaccessible] };

  const schemaDefinition = definitions.find((definition) => definition.kind === Kind.SCHEMA_DEFINITION);
  const roots = new Set(
    schemaDefinition?.kind === Kind.SCHEMA_DEFINITION
      ? schemaDefinition.operationTypes.map((operation) => operation.type.name.value)
      : ['Query', 'Mutation', 'Subscription'],
  );

  const filterFields = (
    typeTags: string[],
    fields: readonly FieldDefinitionNode[] | undefined,
    needsInclude: boolean,
  ): FieldDefinitionNode[] =>
    (fields ?? []).map((field) => {
      const tags = tagsOf(field.directives, tagName);
      const excluded = hits(tags, exclude) || hits(typeTags, exclude);
      const notIncluded = needsInclude && include.size > 0 && !hits(tags, include) && !hits(typeTags, include);
      const kept = excluded || notIncluded ? hide(field) : field;
      return {
        ...kept,
        arguments: (kept.arguments ?? []).map((argument) =>
          hits(tagsOf(argument.directives, tagName), exclude) ? hide(argument) : argument,
        ),
      };
    });

  // First pass: the filter itself.
  for (const [index, definition] of definitions.entries()) {
    if (!('name' in definition) || !definition.name || isInternal(definition.name.value)) continue;
    const typeTags = tagsOf((definition as TypeDefinition).directives, tagName);
    const excludedType = hits(typeTags, exclude) && !roots.has(definition.name.value);
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_DEFINITION: {
        const fields = filterFields(typeTags, definition.fields, true);
        const emptied = fields.length > 0 && fields.every((field) => isInaccessible(field.directives));
        const next = { ...definition, fields };
        definitions[index] = (excludedType || emptied) && !roots.has(definition.name.value) ? hide(next) : next;
        break;
      }
      case Kind.UNION_TYPE_DEFINITION: {
        const notIncluded = include.size > 0 && !hits(typeTags, include);
        definitions[index] = excludedType || notIncluded ? hide(definition) : definition;
        break;
      }
      case Kind.ENUM_TYPE_DEFINITION:
        definitions[index] = {
          ...(excludedType ? hide(definition) : definition),
          values: (definition.values ?? []).map((value) =>
            hits(tagsOf(value.directives, tagName), exclude) ? hide(value) : value,
          ),
        };
        break;
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
        definitions[index] = {
          ...(excludedType ? hide(definition) : definition),
          fields: (definition.fields ?? []).map((field) =>
            hits(tagsOf(field.directives, tagName), exclude) || hits(typeTags, exclude) ? hide(field) : field,
          ),
        };
        break;
      case Kind.SCALAR_TYPE_DEFINITION:
        if (excludedType) definitions[index] = hide(definition);
        break;
    }
  }

  // Second pass: what the API can no longer reach goes too.
  const byName = new Map<string, DefinitionNode>();
  for (const definition of definitions) {
    if ('name' in definition && definition.name && definition.kind.endsWith('TypeDefinition'))
      byName.set(definition.name.value, definition);
  }
  const implementations = new Map<string, string[]>();
  for (const definition of definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    for (const implemented of definition.interfaces ?? []) {
      implementations.set(implemented.name.value, [
        ...(implementations.get(implemented.name.value) ?? []),
        definition.name.value,
      ]);
    }
  }
  const reached = new Set<string>();
  const pending = [...roots].filter((root) => byName.has(root));
  while (pending.length > 0) {
    const name = pending.pop() ?? '';
    if (reached.has(name)) continue;
    const definition = byName.get(name);
    if (!definition || !('directives' in definition) || isInaccessible(definition.directives)) continue;
    reached.add(name);
    const visit = (type: TypeNode) => pending.push(namedType(type));
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_DEFINITION:
        for (const field of definition.fields ?? []) {
          if (isInaccessible(field.directives)) continue;
          visit(field.type);
          for (const argument of field.arguments ?? []) if (!isInaccessible(argument.directives)) visit(argument.type);
        }
        for (const implemented of definition.interfaces ?? []) pending.push(implemented.name.value);
        pending.push(...(implementations.get(name) ?? []));
        break;
      case Kind.UNION_TYPE_DEFINITION:
        for (const member of definition.types ?? []) pending.push(member.name.value);
        break;
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
        for (const field of definition.fields ?? []) if (!isInaccessible(field.directives)) visit(field.type);
        break;
    }
  }
  const removedTypes: string[] = [];
  for (const [index, definition] of definitions.entries()) {
    if (!('name' in definition) || !definition.name || !definition.kind.endsWith('TypeDefinition')) continue;
    const name = definition.name.value;
    if (reached.has(name) || roots.has(name) || isInternal(name) || builtInScalars.has(name)) continue;
    if (!('directives' in definition)) continue;
    if (!isInaccessible(definition.directives)) definitions[index] = hide(definition as TypeDefinition);
    removedTypes.push(name);
  }

  const filtered = print({ ...document, definitions });
  try {
    // Every linked feature the source composed with is kept (auth, cost): the contract only adds @inaccessible.
    const supergraph = Supergraph.build(filtered, { supportedFeatures: null });
    return {
      ok: true,
      supergraphSdl: filtered,
      apiSchemaSdl: printSchema(supergraph.apiSchema()),
      removedTypes: removedTypes.sort(),
    };
  } catch (error) {
    return { ok: false, errors: toContractErrors(error) };
  }
}

/** Federation's errors (one, or several in `causes`) with their codes. */
function toContractErrors(error: unknown): SchemaError[] {
  const causes =
    typeof error === 'object' && error !== null && 'causes' in error && Array.isArray(error.causes)
      ? (error.causes as unknown[])
      : [error];
  return causes.map((cause) => {
    const code =
      typeof cause === 'object' && cause !== null && 'extensions' in cause
        ? String((cause as { extensions?: { code?: unknown } }).extensions?.code ?? 'CONTRACT_FAILED')
        : 'CONTRACT_FAILED';
    return { code, message: cause instanceof Error ? cause.message : String(cause) };
  });
}
