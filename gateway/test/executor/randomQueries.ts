import {
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  parse,
  validate,
} from 'graphql';
import type { CorpusQuery } from './corpusHelpers';

/** A seeded generator (mulberry32): the same seed gives the same queries on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Generation {
  schema: GraphQLSchema;
  random: () => number;
  samples: Record<string, string[]>;
  conditions: Map<string, boolean>;
  fragments: string[];
  aliases: number;
}

const chance = (g: Generation, p: number) => g.random() < p;
const pick = <T>(g: Generation, items: readonly T[]): T => items[Math.floor(g.random() * items.length)] as T;

function argumentsOf(g: Generation, parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>) {
  const given: string[] = [];
  for (const argument of field.args) {
    const samples = g.samples[`${parent.name}.${field.name}.${argument.name}`];
    if (isNonNullType(argument.type) && argument.defaultValue === undefined && !samples) return undefined;
    if (samples && (isNonNullType(argument.type) || chance(g, 0.5)))
      given.push(`${argument.name}: ${pick(g, samples)}`);
  }
  return given.length > 0 ? `(${given.join(', ')})` : '';
}

function condition(g: Generation): string {
  if (!chance(g, 0.15)) return '';
  const directive = chance(g, 0.5) ? 'include' : 'skip';
  if (chance(g, 0.3)) return ` @${directive}(if: ${chance(g, 0.5)})`;
  const name = `c${g.conditions.size}`;
  g.conditions.set(name, chance(g, 0.5));
  return ` @${directive}(if: $${name})`;
}

function selectionSet(g: Generation, type: GraphQLCompositeType, depth: number): string {
  const parts: string[] = [];
  if (isObjectType(type) || isInterfaceType(type)) {
    const fields = Object.values(type.getFields()).filter((field) => !field.name.startsWith('__'));
    const count = 1 + Math.floor(g.random() * Math.min(4, fields.length));
    const chosen = new Set<GraphQLField<unknown, unknown>>();
    for (let i = 0; i < count; i++) chosen.add(pick(g, fields));
    for (const field of chosen) {
      const args = argumentsOf(g, type, field);
      if (args === undefined) continue;
      const named = getNamedType(field.type);
      let sub = '';
      if (isCompositeType(named)) {
        if (depth >= 4) continue;
        sub = ` ${selectionSet(g, named, depth + 1)}`;
      }
      const alias = args !== '' || chance(g, 0.2) ? `f${g.aliases++}: ` : '';
      parts.push(`${alias}${field.name}${args}${condition(g)}${sub}`);
    }
  }
  if (isAbstractType(type) || chance(g, 0.2)) parts.push(chance(g, 0.5) ? '__typename' : `t${g.aliases++}: __typename`);
  if (isAbstractType(type)) {
    for (const member of g.schema.getPossibleTypes(type)) {
      if (!chance(g, 0.7)) continue;
      const body = selectionSet(g, member, depth + 1);
      if (chance(g, 0.3)) {
        const name = `F${g.fragments.length}`;
        g.fragments.push(`fragment ${name} on ${member.name} ${body}`);
        parts.push(`...${name}${condition(g)}`);
      } else {
        parts.push(`... on ${member.name}${condition(g)} ${body}`);
      }
    }
  } else if (chance(g, 0.15)) {
    parts.push(`...${condition(g)} ${selectionSet(g, type, depth + 1)}`);
  }
  if (parts.length === 0) parts.push('__typename');
  return `{ ${parts.join(' ')} }`;
}

/**
 * `count` valid queries over `schema`'s query type, from `seed`: random fields (with arguments from `samples`, by
 * `Type.field.argument`), aliases, `__typename`, inline and named fragments on every possible type of abstract
 * fields, and `@skip`/`@include` on literals and variables. Invalid candidates (conflicting fields) are dropped.
 */
export function randomQueries(
  schema: GraphQLSchema,
  seed: number,
  count: number,
  samples: Record<string, string[]> = {},
): CorpusQuery[] {
  const random = seededRandom(seed);
  const root = schema.getQueryType();
  if (!root) return [];
  const queries: CorpusQuery[] = [];
  for (let attempt = 0; queries.length < count && attempt < count * 10; attempt++) {
    const g: Generation = { schema, random, samples, conditions: new Map(), fragments: [], aliases: 0 };
    const body = selectionSet(g, root, 0);
    const definitions = [...g.conditions.keys()].map((name) => `$${name}: Boolean!`);
    const header = definitions.length > 0 ? `query (${definitions.join(', ')}) ` : '';
    const query = [`${header}${body}`, ...g.fragments].join('\n');
    if (validate(schema, parse(query)).length > 0) continue;
    queries.push({ query, variables: Object.fromEntries(g.conditions) });
  }
  return queries;
}
