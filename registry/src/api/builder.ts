import SchemaBuilder from '@pothos/core';
import type { ApiContext } from './context';

/** The registry API's one Pothos builder; `schema/<Type>.ts` files add one type each. */
export const builder = new SchemaBuilder<{ Context: ApiContext }>({});

builder.queryType({});
builder.mutationType({});
