import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import type { OrdersContext } from './context';

/** The one Pothos builder of the orders subgraph. */
export const builder = new SchemaBuilder<{
  Context: OrdersContext;
  DefaultFieldNullability: false;
}>({
  plugins: [DirectivesPlugin, FederationPlugin],
  defaultFieldNullability: false,
});
