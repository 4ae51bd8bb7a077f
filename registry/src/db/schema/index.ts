export * from './auditEntries';
export * from './checks';
export * from './graphs';
export * from './registrySchema';
export * from './subgraphs';
export * from './supergraphVersions';
export * from './tokens';
export * from './usage';
