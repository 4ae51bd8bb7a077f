/** Limits on one published manifest (`PERSISTED_DOCUMENTS_MAX_*`). */
export interface DocumentLimits {
  /** Largest manifest, in UTF-8 bytes. Default 2 MiB. */
  maxManifestBytes: number;
  /** Most documents in one manifest. Default 5,000. */
  maxDocuments: number;
}

/** The defaults `loadConfig` applies; used when a caller passes none. */
export const defaultDocumentLimits: DocumentLimits = { maxManifestBytes: 2 * 1024 * 1024, maxDocuments: 5000 };
