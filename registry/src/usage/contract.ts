// The contract lives in @switchyard/registry-client, shared with the gateway; kept here so the registry's imports stay.
export * from '@switchyard/registry-client/usage';
