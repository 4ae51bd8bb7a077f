export { createPersistedDocumentsSource } from './createPersistedDocumentsSource';
export { createPersistedDocumentStore, type PersistedDocumentStore } from './persistedDocumentStore';
export {
  createPersistedDocumentsStep,
  DocumentOutcome,
  PersistedDocumentsMode,
  type PersistedDocumentsStep,
} from './persistedDocumentsStep';
