// The registry's wire contracts, all the gateway needs of the registry: the supergraph client and the usage report
// contract. Nothing here may depend on the registry's database, composition or API (see biome.json's overrides).
export { hashSdl } from './hashSdl';
export { describeInvalidName, isValidName, NAME_MAX_LENGTH, NAME_RULE, type NameKind } from './names';
export * from './persistedDocuments/index';
export * from './supergraph/index';
export * from './usage/index';
