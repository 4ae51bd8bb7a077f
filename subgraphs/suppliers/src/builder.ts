import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import type { SuppliersContext } from './context';

/** The one Pothos builder of the suppliers subgraph. */
export const builder = new SchemaBuilder<{
  Context: SuppliersContext;
  DefaultFieldNullability: false;
}>({
  plugins: [DirectivesPlugin, FederationPlugin],
  defaultFieldNullability: false,
});
