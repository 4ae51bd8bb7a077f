import type { SchemaChange, SchemaError } from '../registryApi';
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

/** Counts per criticality, e.g. `1 breaking, 2 safe`; `no changes` for none. */
export function summarizeChanges(changes: SchemaChange[]): string {
  if (changes.length === 0) return 'no changes';
  const counts = (['BREAKING', 'DANGEROUS', 'SAFE'] as const)
    .map((criticality) => [criticality, changes.filter((change) => change.criticality === criticality).length] as const)
    .filter(([, count]) => count > 0);
  return counts.map(([criticality, count]) => `${count} ${criticality.toLowerCase()}`).join(', ');
}

/** One line per change for a terminal: `✖ BREAKING  User.email  Field … removed …`. */
export function renderChangesText(changes: SchemaChange[]): string[] {
  return sortChanges(changes).map(
    (change) => `  ${ICON[change.criticality]} ${change.criticality.padEnd(9)} ${change.message}`,
  );
}

/** A Markdown table of changes for PR comments. */
export function renderChangesMarkdown(changes: SchemaChange[]): string {
  return renderMarkdownTable(
    ['Change', 'Coordinate', 'Details'],
    sortChanges(changes).map((change) => [BADGE[change.criticality], `\`${change.coordinate}\``, change.message]),
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
