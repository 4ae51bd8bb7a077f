import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import type { AccountsContext } from './context';

/** The one Pothos builder of the accounts subgraph. */
export const builder = new SchemaBuilder<{
  Context: AccountsContext;
  DefaultFieldNullability: false;
}>({
  plugins: [DirectivesPlugin, FederationPlugin],
  defaultFieldNullability: false,
});
