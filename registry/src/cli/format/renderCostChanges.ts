import type { CostChange } from '../registryApi';
import { renderMarkdownTable } from './renderTable';

const ICON = { BREAKING: '✖', DANGEROUS: '⚠' } as const;
const BADGE = { BREAKING: '🔴 Over the cost limit', DANGEROUS: '🟠 Costlier' } as const;

/** `Top` (a persisted document) or `Prices` (seen); an anonymous operation by the start of its id. */
function nameOf(change: CostChange): string {
  return change.operation ?? change.id.slice(0, 12);
}

/** `60 → 210 (+250%)`, `new → 2010` for a document the served supergraph did not price. */
export function describeCost(change: CostChange): string {
  const rise = change.increasePercent === null ? '' : ` (+${change.increasePercent}%)`;
  return `${change.before ?? 'new'} → ${change.after}${rise}`;
}

function whereOf(change: CostChange): string {
  const source = change.source === 'PERSISTED' ? 'persisted document' : 'seen in the window';
  return `${source}${change.clients.length > 0 ? ` · clients: ${change.clients.join(', ')}` : ''}`;
}

/** One line per operation for a terminal: `⚠ DANGEROUS Top: 60 → 210 (+250%)`, then its clients. */
export function renderCostChangesText(changes: readonly CostChange[]): string[] {
  return changes.flatMap((change) => [
    `  ${ICON[change.criticality === 'BREAKING' ? 'BREAKING' : 'DANGEROUS']} ${change.criticality.padEnd(9)} ${nameOf(change)}: ${describeCost(change)}${change.criticality === 'BREAKING' ? `, over the limit of ${change.limit}` : ''}`,
    `      ${whereOf(change)}`,
  ]);
}

/** A Markdown table of the operations a check found costlier, for PR comments. */
export function renderCostChangesMarkdown(changes: readonly CostChange[]): string {
  return renderMarkdownTable(
    ['Cost', 'Operation', 'Clients', 'Before', 'After', 'Limit'],
    changes.map((change) => [
      BADGE[change.criticality === 'BREAKING' ? 'BREAKING' : 'DANGEROUS'],
      `\`${nameOf(change)}\`${change.source === 'PERSISTED' ? ' (persisted)' : ''}`,
      change.clients.join(', ') || '—',
      change.before === null ? 'new' : String(change.before),
      `${change.after}${change.increasePercent === null ? '' : ` (+${change.increasePercent}%)`}`,
      String(change.limit),
    ]),
  );
}
