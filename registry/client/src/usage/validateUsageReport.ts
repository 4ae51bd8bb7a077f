import type { z } from 'zod';
import {
  ClientUsage,
  createClientUsageSchema,
  OperationUsageHeader,
  type UsageReport,
  UsageReportEnvelope,
  UsageReportLimits,
} from './contract';
import { isPlainOperationUsage } from './isPlainOperationUsage';

/** Why one entry of a report was refused while the rest was counted. */
export const RefusedEntryCode = {
  /** A count (requests, errors, a latency slot, a variable coordinate) above `maxCountPerEntry` (`USAGE_MAX_COUNT_PER_ENTRY`). */
  COUNT_TOO_LARGE: 'COUNT_TOO_LARGE',
  /** A normalized document longer than `UsageReportLimits.maxDocumentLength`. */
  DOCUMENT_TOO_LARGE: 'DOCUMENT_TOO_LARGE',
  /** A second operation with a signature already in the report. */
  DUPLICATE_SIGNATURE: 'DUPLICATE_SIGNATURE',
  /** Anything else the contract does not allow (a name that is not a string or too long, a bad histogram…). */
  INVALID_ENTRY: 'INVALID_ENTRY',
} as const;
export type RefusedEntryCode = (typeof RefusedEntryCode)[keyof typeof RefusedEntryCode];

/**
 * One refused entry: a whole operation (`client` absent) or one client version of it, by index in the report as
 * sent, with the reason.
 */
export interface RefusedEntry {
  operation: number;
  client?: number;
  code: RefusedEntryCode;
  message: string;
}

/**
 * Outcome of validating a report: its envelope is broken (`issues`, nothing can be counted), or the report with only
 * the entries that follow the contract, and the entries refused.
 */
export type UsageReportValidation =
  | { ok: true; report: UsageReport; refused: RefusedEntry[] }
  | { ok: false; issues: string[] };

const formatIssues = (issues: z.core.$ZodIssue[], prefix: string[]) =>
  issues.map((issue) => `${[...prefix, ...issue.path.map(String)].join('.') || '(report)'}: ${issue.message}`);

function codeOf(issues: z.core.$ZodIssue[]): RefusedEntryCode {
  for (const issue of issues) {
    if (issue.code === 'too_big' && issue.origin === 'number') return RefusedEntryCode.COUNT_TOO_LARGE;
    if (issue.code === 'too_big' && issue.path[0] === 'document') return RefusedEntryCode.DOCUMENT_TOO_LARGE;
  }
  return RefusedEntryCode.INVALID_ENTRY;
}

/**
 * Validates an untrusted JSON value against the usage contract, entry by entry, so one bad operation or client
 * cannot take the rest of the report with it: the envelope must hold (at most 20 issues listed), then each
 * operation's own fields, then each of its clients. The gateway runs it on what it is about to send and the registry
 * on what it received, so both refuse the same entries. `maxCountPerEntry` is the registry's
 * `USAGE_MAX_COUNT_PER_ENTRY`; default the contract's 10 billion.
 */
export function validateUsageReport(
  value: unknown,
  options: { maxCountPerEntry?: number } = {},
): UsageReportValidation {
  const maxCount = options.maxCountPerEntry ?? UsageReportLimits.maxCountPerEntry;
  const clientSchema = clientSchemaFor(maxCount);
  const envelope = UsageReportEnvelope.safeParse(value);
  if (!envelope.success) return { ok: false, issues: formatIssues(envelope.error.issues, []).slice(0, 20) };
  const refused: RefusedEntry[] = [];
  const operations: UsageReport['operations'] = [];
  const signatures = new Set<string>();
  envelope.data.operations.forEach((entry, operation) => {
    // What a gateway sends is nearly always plain: checked in one walk and kept as it is.
    if (isPlainOperationUsage(entry, maxCount)) {
      const plain = entry as UsageReport['operations'][number];
      if (signatures.has(plain.signature)) {
        const message = `operations.${operation}.signature: duplicate signature`;
        refused.push({ operation, code: RefusedEntryCode.DUPLICATE_SIGNATURE, message });
      } else {
        signatures.add(plain.signature);
        operations.push(plain);
      }
      return;
    }
    const header = OperationUsageHeader.safeParse(entry);
    if (!header.success) {
      const [message = ''] = formatIssues(header.error.issues, ['operations', String(operation)]);
      refused.push({ operation, code: codeOf(header.error.issues), message });
      return;
    }
    if (signatures.has(header.data.signature)) {
      const message = `operations.${operation}.signature: duplicate signature`;
      refused.push({ operation, code: RefusedEntryCode.DUPLICATE_SIGNATURE, message });
      return;
    }
    signatures.add(header.data.signature);
    const clients: UsageReport['operations'][number]['clients'] = [];
    header.data.clients.forEach((candidate, client) => {
      const parsed = clientSchema.safeParse(candidate);
      if (parsed.success) clients.push(parsed.data);
      else {
        const path = ['operations', String(operation), 'clients', String(client)];
        const [message = ''] = formatIssues(parsed.error.issues, path);
        refused.push({ operation, client, code: codeOf(parsed.error.issues), message });
      }
    });
    if (clients.length > 0) operations.push({ ...header.data, clients });
  });
  const report: UsageReport = { ...envelope.data, operations };
  return { ok: true, report, refused };
}

const clientSchemas = new Map<number, typeof ClientUsage>([[UsageReportLimits.maxCountPerEntry, ClientUsage]]);

/** The client entry schema of a count limit, built once per limit (a registry has one). */
function clientSchemaFor(maxCount: number): typeof ClientUsage {
  let schema = clientSchemas.get(maxCount);
  if (!schema) {
    schema = createClientUsageSchema(maxCount);
    clientSchemas.set(maxCount, schema);
  }
  return schema;
}
