import { queries } from './api.js';
import { h } from './dom.js';
import { formatCount, formatTime } from './format.js';

/**
 * The client versions a check found using what its breaking changes affect, busiest first, each once.
 * @param {any[]} changes
 * @returns {{ client: string, requests: number }[]}
 */
export function affectedClients(changes) {
  /** @type {Map<string, number>} */
  const found = new Map();
  for (const change of changes)
    for (const client of change.usage?.clients ?? []) {
      const key = `${client.name}@${client.version}`;
      found.set(key, Math.max(found.get(key) ?? 0, client.requests));
    }
  return [...found.entries()].map(([client, requests]) => ({ client, requests })).sort((a, b) => b.requests - a.requests || a.client.localeCompare(b.client));
}

/**
 * Checks: the variant's stored schema checks, newest first, with their result, their changes by criticality and
 * the client versions that used what their breaking changes affect.
 * @param {import('./main.js').ViewContext} context
 */
export async function renderChecks(context) {
  const { checks } = await context.api.request(queries.checks, { graph: context.graph, variant: context.variant });
  if (checks.length === 0)
    return h('section', { class: 'card' }, h('p', { class: 'empty' }, `No schema check ran for ${context.graph}@${context.variant} yet. Checks appear here once someone runs \`switchyard check\` (or the checkSubgraph mutation) for this variant.`));
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, `Checks (${formatCount(checks.length)})`),
    h('p', { class: 'meta' }, 'Newest first. Affected clients are the client versions that used what a breaking change affects in the check window.'),
    h(
      'table',
      { class: 'table stack check-list' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Result'), h('th', {}, 'Subgraph'), h('th', {}, 'Changes'), h('th', {}, 'Affected clients'), h('th', {}, 'Ran'))),
      h(
        'tbody',
        {},
        ...checks.map((/** @type {any} */ check) => {
          const counts = ['BREAKING', 'DANGEROUS', 'SAFE'].map((level) => [level, check.changes.filter((/** @type {any} */ change) => change.criticality === level).length]).filter(([, count]) => count);
          const clients = affectedClients(check.changes);
          return h(
            'tr',
            { 'data-check': check.id, 'data-result': check.ok ? 'passed' : 'failed' },
            h('td', { 'data-label': 'Result', title: check.message }, h('span', { class: `badge ${check.ok ? 'badge-safe' : 'badge-breaking'}` }, check.ok ? 'passed' : 'failed')),
            h('td', { 'data-label': 'Subgraph' }, h('strong', {}, check.subgraph)),
            h('td', { 'data-label': 'Changes', class: 'check-changes' }, counts.length === 0 ? 'none' : counts.map(([level, count]) => `${count} ${String(level).toLowerCase()}`).join(', ')),
            h('td', { 'data-label': 'Affected clients', class: 'affected' }, clients.length === 0 ? '—' : h('ul', { class: 'chips affected-clients' }, ...clients.map((entry) => h('li', { class: 'chip', 'data-client': entry.client }, `${entry.client} · ${formatCount(entry.requests)}`)))),
            h('td', { 'data-label': 'Ran' }, formatTime(check.createdAt)),
          );
        }),
      ),
    ),
  );
}
