import { readFile } from 'node:fs/promises';
import {
  createPersistedDocumentSource,
  type PersistedDocumentEntry,
  type PersistedDocumentSource,
  parseManifest,
} from '@switchyard/registry-client/persisted-documents';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../../config';

/**
 * Where the gateway's persisted documents come from: the registry (polled with ETags, last good set on disk), or a
 * manifest file read once at start (Apollo's format or an id → document map), as `config.persistedDocuments` says.
 */
export function createPersistedDocumentsSource(
  config: GatewayConfig['persistedDocuments'],
  logger: Logger,
): PersistedDocumentSource | undefined {
  const source = config.source;
  if (source.kind === 'registry') return createPersistedDocumentSource({ ...source, logger });
  if (source.kind === 'file') {
    return {
      async start(): Promise<PersistedDocumentEntry[]> {
        const parsed = parseManifest(await readFile(source.path, 'utf8'));
        if (!parsed.ok) throw new Error(`PERSISTED_DOCUMENTS_FILE ${source.path}: ${parsed.message}`);
        return parsed.documents.map(({ id, body }) => ({ id, body }));
      },
      async stop() {},
    };
  }
  return undefined;
}
