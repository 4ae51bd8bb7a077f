export { createRegistrySupergraphSource, type RegistrySupergraphSource } from './createRegistrySupergraphSource';
export {
  type FetchSupergraphInput,
  type FetchSupergraphResult,
  fetchSupergraph,
  RegistryFetchError,
} from './fetchSupergraph';
export type { RegistryClientLogger, RegistrySupergraphSourceOptions, RegistrySupergraphUpdate } from './options';
export { readSupergraphCache, writeSupergraphCache } from './supergraphCache';
