// The fixtures live beside the usage contract they build reports for, in the registry client.
export * from '@switchyard/registry-client/testing';
