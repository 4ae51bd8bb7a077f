import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import type { CatalogContext } from './context';

/** The one Pothos builder of the catalog subgraph. */
export const builder = new SchemaBuilder<{
  Context: CatalogContext;
  DefaultFieldNullability: false;
}>({
  plugins: [DirectivesPlugin, FederationPlugin],
  defaultFieldNullability: false,
});
