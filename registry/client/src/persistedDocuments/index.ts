export { type PersistedDocumentEntry, PersistedDocumentsBody, persistedDocumentsPath } from './contract';
export {
  createPersistedDocumentSource,
  type PersistedDocumentSource,
  type PersistedDocumentSourceOptions,
} from './createPersistedDocumentSource';
export {
  type FetchPersistedDocumentsInput,
  type FetchPersistedDocumentsResult,
  fetchPersistedDocuments,
} from './fetchPersistedDocuments';
export {
  APOLLO_MANIFEST_FORMAT,
  hashDocument,
  type ManifestDocument,
  type ParsedManifest,
  parseManifest,
} from './parseManifest';
export {
  type CachedPersistedDocuments,
  readPersistedDocumentsCache,
  writePersistedDocumentsCache,
} from './persistedDocumentsCache';
