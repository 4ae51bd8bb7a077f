import { findLinkedDirectiveNames, LinkedSpec, readLinkedDirectives } from '@switchyard/cost-model';
import { type ConstDirectiveNode, type DocumentNode, Kind, parse } from 'graphql';
import type { Identity } from '../../context';

/** What a schema element asks of the caller. */
export interface Requirement {
  /** `@authenticated`: any identity. */
  authenticated: boolean;
  /** `@requiresScopes(scopes:)`, one entry per directive: each is an OR of AND-sets of scopes, and all must hold. */
  scopes: string[][][];
}

/** The `@authenticated` and `@requiresScopes` of a supergraph, read once per supergraph. */
export interface AuthorizationModel {
  /** On object types, interfaces, scalars and enums. */
  types: Map<string, Requirement>;
  /** On fields, by coordinate (`Product.cost`). */
  fields: Map<string, Requirement>;
  /** Every scope any requirement mentions; only these matter for caching. */
  scopes: Set<string>;
}

/** Reads `@authenticated`/`@requiresScopes` from a supergraph SDL, plain, renamed by `@link`, or in `@join__directive`. */
export function buildAuthorizationModel(supergraphSdl: string | DocumentNode): AuthorizationModel {
  const document = typeof supergraphSdl === 'string' ? parse(supergraphSdl) : supergraphSdl;
  const names = new Map([
    ...findLinkedDirectiveNames(document, LinkedSpec.authenticated, ['authenticated']),
    ...findLinkedDirectiveNames(document, LinkedSpec.requiresScopes, ['requiresScopes']),
  ]);
  const model: AuthorizationModel = { types: new Map(), fields: new Map(), scopes: new Set() };
  const add = (map: Map<string, Requirement>, key: string, directives: readonly ConstDirectiveNode[] | undefined) => {
    const requirement = readRequirement(directives, names, model.scopes);
    if (!requirement) return;
    const existing = map.get(key);
    map.set(key, existing ? mergeRequirements(existing, requirement) : requirement);
  };

  for (const definition of document.definitions) {
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.OBJECT_TYPE_EXTENSION:
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_EXTENSION:
        add(model.types, definition.name.value, definition.directives);
        for (const field of definition.fields ?? [])
          add(model.fields, `${definition.name.value}.${field.name.value}`, field.directives);
        break;
      case Kind.SCALAR_TYPE_DEFINITION:
      case Kind.SCALAR_TYPE_EXTENSION:
      case Kind.ENUM_TYPE_DEFINITION:
      case Kind.ENUM_TYPE_EXTENSION:
        add(model.types, definition.name.value, definition.directives);
        break;
      default:
        break;
    }
  }
  return model;
}

function readRequirement(
  directives: readonly ConstDirectiveNode[] | undefined,
  names: Map<string, string>,
  allScopes: Set<string>,
): Requirement | undefined {
  let requirement: Requirement | undefined;
  for (const use of readLinkedDirectives(directives, names)) {
    requirement ??= { authenticated: false, scopes: [] };
    if (use.name === 'authenticated') requirement.authenticated = true;
    else if (use.name === 'requiresScopes' && Array.isArray(use.args.scopes)) {
      const sets = use.args.scopes.map((set) =>
        Array.isArray(set) ? set.filter((s): s is string => typeof s === 'string') : [],
      );
      for (const set of sets) for (const scope of set) allScopes.add(scope);
      requirement.scopes.push(sets);
    }
  }
  return requirement;
}

/** Both requirements at once. */
export function mergeRequirements(a: Requirement, b: Requirement): Requirement {
  return { authenticated: a.authenticated || b.authenticated, scopes: [...a.scopes, ...b.scopes] };
}

/** Whether a caller (null when anonymous) meets a requirement. Scope requirements also need an identity. */
export function satisfies(requirement: Requirement, identity: Identity | null): boolean {
  if (!identity) return !requirement.authenticated && requirement.scopes.length === 0;
  const granted = new Set(identity.scopes);
  return requirement.scopes.every((anyOf) => anyOf.some((allOf) => allOf.every((scope) => granted.has(scope))));
}

/** A sentence saying what a requirement asks for, for error messages. */
export function describeRequirement(requirement: Requirement): string {
  if (requirement.scopes.length === 0) return 'an authenticated caller';
  return requirement.scopes
    .map((anyOf) =>
      anyOf.length === 1
        ? `the scopes [${anyOf[0]?.join(', ')}]`
        : `one of the scope sets ${anyOf.map((set) => `[${set.join(', ')}]`).join(' or ')}`,
    )
    .join(' and ');
}
