import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

/**
 * `graphql()` for the CLI's operations: each document is checked against the registry's API schema
 * (`graphql-env.d.ts`, printed from `registry/src/api/schema` by `npm run api:schema`) when `tsc` runs, and its result
 * and variables types follow from it. A field the CLI selects that the API no longer has fails typecheck.
 */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: {
    /** A JSON number up to 2^53 - 1, a string of decimal digits above it (see `api/schema/Count.ts`). */
    Count: number | string;
  };
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';

/** Whether `T` holds `unknown` anywhere: what gql.tada infers for a selected field the schema does not have. */
type HasUnknown<T> = unknown extends T
  ? true
  : T extends readonly (infer Item)[]
    ? HasUnknown<Item>
    : T extends object
      ? true extends { [K in keyof T]-?: HasUnknown<T[K]> }[keyof T]
        ? true
        : false
      : false;

/**
 * `unknown` (no constraint) for a document whose every selected field is in the registry API; otherwise a type no
 * document has, so passing it fails typecheck. gql.tada alone types a field the schema lacks as `unknown` and lets
 * it through; this turns that into an error at the call.
 */
export type SelectsOnlySchemaFields<Result> =
  true extends HasUnknown<Result>
    ? { 'selects a field the registry API does not have (see registry/src/api/schema.graphql)': never }
    : unknown;
