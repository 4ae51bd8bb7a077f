export { createRegistrySupergraphSource, type RegistrySupergraphSource } from './createRegistrySupergraphSource';
export type { RegistryClientLogger, RegistrySupergraphSourceOptions, RegistrySupergraphUpdate } from './options';
