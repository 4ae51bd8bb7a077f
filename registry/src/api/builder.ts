import SchemaBuilder from '@pothos/core';
import type { ApiContext } from './context';

/**
 * The registry API's one Pothos builder; `schema/<Type>.ts` files add one type each. Fields are non-null unless
 * they say `nullable: true`, as in the contract the CLI codes against.
 */
export const builder = new SchemaBuilder<{
  Context: ApiContext;
  DefaultFieldNullability: false;
  Scalars: { Count: { Input: number; Output: number | bigint | string } };
}>({
  defaultFieldNullability: false,
});

builder.queryType({});
builder.mutationType({});
