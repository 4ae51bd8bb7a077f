import { queries } from './api.js';
import { h, stack } from './dom.js';
import { formatCount, formatTime } from './format.js';

/**
 * Audit log: every change made or refused through the API on this graph in the window, newest first: what, by
 * which token, where, and how it ended (with the error code when it failed or was refused).
 * @param {import('./main.js').ViewContext} context
 */
export async function renderAudit(context) {
  const { auditLog: entries } = await context.api.request(queries.audit, { graph: context.graph, since: context.since });
  if (entries.length === 0) return h('section', { class: 'card' }, h('p', { class: 'empty' }, `Nothing was changed in the last ${context.since}.`));
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, `Audit log (${formatCount(entries.length)})`),
    h('p', { class: 'meta' }, `Changes to ${context.graph} in the last ${context.since}, newest first.`),
    stack(h(
      'table',
      { class: 'table audit' },
      h('thead', {}, h('tr', {}, h('th', {}, 'When'), h('th', {}, 'Action'), h('th', {}, 'Outcome'), h('th', {}, 'Token'), h('th', {}, 'Where'), h('th', {}, 'What happened'))),
      h(
        'tbody',
        {},
        ...entries.map((/** @type {any} */ entry) =>
          h(
            'tr',
            { 'data-audit-action': entry.action, 'data-outcome': entry.outcome },
            h('td', {}, formatTime(entry.createdAt)),
            h('td', {}, h('code', {}, entry.action)),
            h('td', { class: `outcome outcome-${entry.outcome.toLowerCase()}` }, entry.code ? `${entry.outcome} (${entry.code})` : entry.outcome),
            h('td', { class: 'token-name' }, entry.tokenName),
            h('td', {}, [entry.variant, entry.subgraph].filter(Boolean).join(' · ') || '—'),
            h('td', {}, entry.message),
          ),
        ),
      ),
    )),
  );
}
