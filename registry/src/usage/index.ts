// The wire contract only: this is what the gateway imports (`@switchyard/registry/usage`), so it must not pull in
// the database. Ingestion and reports are imported by path inside the registry.
export * from './contract';
export * from './validateUsageReport';
