import type { ChangeUsage, SchemaChange, SchemaError } from '../registryApi';
import { renderMarkdownTable } from './renderTable';

const ORDER = { BREAKING: 0, DANGEROUS: 1, SAFE: 2 } as const;
const ICON = { BREAKING: '✖', DANGEROUS: '⚠', SAFE: '✔' } as const;
const BADGE = { BREAKING: '🔴 Breaking', DANGEROUS: '🟠 Dangerous', SAFE: '🟢 Safe' } as const;

/** Changes sorted breaking first, then by coordinate. */
export function sortChanges(changes: SchemaChange[]): SchemaChange[] {
  return [...changes].sort(
    (a, b) => ORDER[a.criticality] - ORDER[b.criticality] || a.coordinate.localeCompare(b.coordinate),
  );
}

/** Counts per criticality, e.g. `1 breaking, 2 safe` (`, 1 blocking` in checks); `no changes` for none. */
export function summarizeChanges(changes: SchemaChange[]): string {
  if (changes.length === 0) return 'no changes';
  const counts = (['BREAKING', 'DANGEROUS', 'SAFE'] as const)
    .map((criticality) => [criticality, changes.filter((change) => change.criticality === criticality).length] as const)
    .filter(([, count]) => count > 0);
  const summary = counts.map(([criticality, count]) => `${count} ${criticality.toLowerCase()}`).join(', ');
  if (!changes.some((change) => change.blocking !== undefined)) return summary;
  return `${summary}; ${changes.filter((change) => change.blocking).length} blocking`;
}

/** Most clients and operations named per change before "and N more". */
const MAX_NAMED = 5;

/** A breaking change a usage-aware check let through (nobody, or too few, use what it affects). */
function isAllowedBreaking(change: SchemaChange): boolean {
  return change.criticality === 'BREAKING' && change.blocking === false;
}

/** `5 requests (5%) · clients: web 1.0 (5) · operations: Prices (5)`; null without usage. */
export function describeUsage(usage: ChangeUsage | null | undefined): string | null {
  if (!usage) return null;
  const list = (items: string[]) =>
    items.length > MAX_NAMED
      ? `${items.slice(0, MAX_NAMED).join(', ')} and ${items.length - MAX_NAMED} more`
      : items.join(', ');
  const excluded = usage.excludedClients ?? [];
  const documents = (usage.documents ?? []).map(
    (document) => `${document.client} ${document.clientVersion} ${document.name ?? document.id}`,
  );
  const persisted = documents.length > 0 ? `persisted documents: ${list(documents)}` : undefined;
  if (usage.requests === 0) {
    if (persisted) return persisted;
    return excluded.length > 0 ? `used only by excluded clients: ${list(excluded)}` : 'unused in the usage window';
  }
  const parts = [`${usage.requests} requests${usage.percent === null ? '' : ` (${usage.percent}%)`}`];
  if (persisted) parts.push(persisted);
  if (usage.clients.length > 0) {
    parts.push(
      `clients: ${list(usage.clients.map((client) => `${client.name} ${client.version} (${client.requests})`))}`,
    );
  }
  if (usage.operations.length > 0) {
    parts.push(
      `operations: ${list(usage.operations.map((operation) => `${operation.name ?? operation.signature.slice(0, 12)} (${operation.requests})`))}`,
    );
  }
  if (excluded.length > 0) parts.push(`also excluded clients: ${list(excluded)}`);
  return parts.join(' · ');
}

/**
 * One line per change for a terminal: `✖ BREAKING  Field … removed …`, then, in checks, who uses what a breaking
 * change affects. Breaking changes a check lets through are marked `○ … (not blocking)`.
 */
export function renderChangesText(changes: SchemaChange[]): string[] {
  return sortChanges(changes).flatMap((change) => {
    const allowed = isAllowedBreaking(change);
    const icon = allowed ? '○' : ICON[change.criticality];
    const line = `  ${icon} ${change.criticality.padEnd(9)} ${change.message}${allowed ? ' (not blocking)' : ''}`;
    const usage = describeUsage(change.usage);
    return usage ? [line, `      usage: ${usage}`] : [line];
  });
}

/** A Markdown table of changes for PR comments, with a usage column when a check reported usage. */
export function renderChangesMarkdown(changes: SchemaChange[]): string {
  const withUsage = changes.some((change) => change.usage);
  const badge = (change: SchemaChange) =>
    isAllowedBreaking(change) ? '⚪ Breaking (not blocking)' : BADGE[change.criticality];
  return renderMarkdownTable(
    withUsage ? ['Change', 'Coordinate', 'Details', 'Usage'] : ['Change', 'Coordinate', 'Details'],
    sortChanges(changes).map((change) => {
      const row = [badge(change), `\`${change.coordinate}\``, change.message];
      return withUsage ? [...row, describeUsage(change.usage) ?? '—'] : row;
    }),
  );
}

/** One line per error: `[subgraph] CODE (line:column) message`. */
export function renderErrorsText(errors: SchemaError[]): string[] {
  return errors.map((error) => `  ${whereOf(error)}${error.code}: ${error.message}`);
}

/** A Markdown table of errors or warnings. */
export function renderErrorsMarkdown(errors: SchemaError[]): string {
  return renderMarkdownTable(
    ['Code', 'Where', 'Message'],
    errors.map((error) => [`\`${error.code}\``, whereOf(error).trim() || '—', error.message]),
  );
}

function whereOf(error: SchemaError): string {
  const location = error.line != null ? `:${error.line}${error.column != null ? `:${error.column}` : ''}` : '';
  return error.subgraph || location ? `${error.subgraph ?? ''}${location} ` : '';
}
