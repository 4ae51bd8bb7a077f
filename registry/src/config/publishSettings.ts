import { z } from 'zod';
import { type DocumentLimits, defaultDocumentLimits } from '../documents/documentLimits';
import { defaultRoutingUrlPolicy, type RoutingUrlPolicy } from '../input/routingUrlPolicy';
import { flag, hostPatterns } from './settingTypes';

/** What a publish may carry: persisted document manifests and routing URLs (`PERSISTED_DOCUMENTS_*`, `ROUTING_URL_*`). */
export const publishEnv = z.object({
  /** Largest persisted document manifest `documents publish` takes, in bytes. Default 2 MiB. */
  PERSISTED_DOCUMENTS_MAX_BYTES: z.coerce.number().int().positive().default(defaultDocumentLimits.maxManifestBytes),
  /** Most documents in one persisted document manifest. Default 5000. */
  PERSISTED_DOCUMENTS_MAX_COUNT: z.coerce.number().int().positive().default(defaultDocumentLimits.maxDocuments),
  /** Longest routing URL a publish may set, in characters. Default 2048. */
  ROUTING_URL_MAX_LENGTH: z.coerce.number().int().positive().max(65_536).default(defaultRoutingUrlPolicy.maxLength),
  /**
   * Comma-separated host patterns routing URLs must match (`orders.internal,*.svc.cluster.local`); unset allows any
   * host but link-local and cloud metadata ones. Set it in production.
   */
  ROUTING_URL_ALLOWED_HOSTS: hostPatterns('host patterns look like orders.internal or *.svc.local'),
  /** Allow routing URLs on link-local addresses (169.254.0.0/16, fe80::/10) and cloud metadata hosts. Default false. */
  ROUTING_URL_ALLOW_LINK_LOCAL: flag(),
});

export function toDocumentLimits(parsed: z.output<typeof publishEnv>): DocumentLimits {
  return {
    maxManifestBytes: parsed.PERSISTED_DOCUMENTS_MAX_BYTES,
    maxDocuments: parsed.PERSISTED_DOCUMENTS_MAX_COUNT,
  };
}

export function toRoutingUrlPolicy(parsed: z.output<typeof publishEnv>): RoutingUrlPolicy {
  return {
    maxLength: parsed.ROUTING_URL_MAX_LENGTH,
    allowedHosts: parsed.ROUTING_URL_ALLOWED_HOSTS ?? [],
    allowLinkLocal: parsed.ROUTING_URL_ALLOW_LINK_LOCAL,
  };
}
