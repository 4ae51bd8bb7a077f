import { queries } from './api.js';
import { criticalityBadge } from './badges.js';
import { h, stack } from './dom.js';
import { formatCount, formatTime } from './format.js';
import { renderInline, renderMarkdown } from './markdown.js';

/**
 * Versions: the supergraph versions (newest first) with their change counts by criticality, and the selected
 * version's (`v`, default the newest) changelog and changes.
 * @param {import('./main.js').ViewContext} context
 */
export async function renderVersions(context) {
  const { supergraphVersions: versions } = await context.api.request(queries.versions, { graph: context.graph, variant: context.variant });
  if (versions.length === 0) return h('p', { class: 'empty' }, 'No supergraph versions yet: nothing has composed for this variant.');
  const wanted = Number(context.params.get('v'));
  const selected = versions.find((/** @type {any} */ version) => version.version === wanted) ?? versions[0];

  const list = h(
    'ol',
    { class: 'version-list', 'aria-label': 'Supergraph versions' },
    ...versions.map((/** @type {any} */ version) => {
      const counts = countByCriticality(version.changes);
      return h(
        'li',
        { class: version === selected ? 'active' : '' },
        h(
          'a',
          { href: '#', 'data-version': version.version, onclick: (/** @type {Event} */ event) => (event.preventDefault(), context.go('versions', { v: String(version.version) })) },
          h('span', { class: 'version-number' }, `v${version.version}`),
          h('span', { class: 'version-date' }, formatTime(version.createdAt)),
          h(
            'span',
            { class: 'version-counts' },
            ...['BREAKING', 'DANGEROUS', 'SAFE'].filter((level) => counts[level]).map((level) => h('span', { class: `count count-${level.toLowerCase()}`, title: `${counts[level]} ${level.toLowerCase()}` }, String(counts[level]))),
          ),
          version.rolledBackFrom ? h('span', { class: 'badge' }, `rollback of v${version.rolledBackFrom}`) : null,
        ),
      );
    }),
  );

  const { supergraphVersion: usageOfSelected } = await context.api.request(queries.changeUsage, { graph: context.graph, variant: context.variant, version: selected.version });
  /** @type {Map<string, any>} */
  const usageByChange = new Map((usageOfSelected?.changeUsage ?? []).map((/** @type {any} */ entry) => [entry.changeId, entry.usage]));

  const changelog = h('div', { class: 'markdown' });
  // renderMarkdown escapes every piece of text before adding its own tags (see markdown.test.ts).
  changelog.innerHTML = renderMarkdown(selected.changelog);
  const changes = stack(h(
    'table',
    { class: 'table' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Criticality'), h('th', {}, 'Coordinate'), h('th', {}, 'Change'), h('th', {}, 'Used by'))),
    h(
      'tbody',
      {},
      ...selected.changes.map((/** @type {any} */ change) =>
        h(
          'tr',
          { 'data-change': change.id, 'data-coordinate': change.coordinate },
          h('td', {}, criticalityBadge(change.criticality)),
          h('td', {}, h('code', {}, change.coordinate)),
          renderedInline('td', change.message),
          h('td', { class: 'affected' }, renderAffected(usageByChange.get(change.id))),
        ),
      ),
    ),
  ));
  return h(
    'div',
    { class: 'split' },
    h('aside', { class: 'card' }, h('h2', {}, 'Versions'), list),
    h(
      'section',
      { class: 'card', 'aria-label': `Version ${selected.version}` },
      h(
        'p',
        { class: 'meta' },
        `Version ${selected.version} · ${formatTime(selected.createdAt)} · subgraphs: ${selected.subgraphs.map((/** @type {any} */ s) => s.subgraph).join(', ')} · `,
        ...publishedBy(selected.published),
        h('code', { title: 'supergraph hash' }, selected.hash.slice(0, 12)),
      ),
      changelog,
      selected.changes.length > 0
        ? h('details', { class: 'changes', open: selected.changes.length <= 30 }, h('summary', {}, `Changes (${selected.changes.length})`), changes)
        : null,
    ),
  );
}

/**
 * Who used what a breaking or dangerous change affects in the check window before the version: client versions
 * with their requests, and the operations. Safe changes have no entry and show a dash.
 * @param {any} usage
 */
function renderAffected(usage) {
  if (!usage) return '—';
  if (usage.clients.length === 0) return h('span', { class: 'meta' }, 'no use in the check window before it');
  return h(
    'div',
    {},
    h('ul', { class: 'chips affected-clients' }, ...usage.clients.map((/** @type {any} */ client) => h('li', { class: 'chip', 'data-client': `${client.name}@${client.version}` }, `${client.name}@${client.version || '—'} · ${formatCount(client.requests)}`))),
    usage.operations.length > 0
      ? h('ul', { class: 'chips affected-operations' }, ...usage.operations.map((/** @type {any} */ operation) => h('li', { class: 'chip', title: operation.signature }, `${operation.name ?? 'anonymous'} · ${formatCount(operation.requests)}`)))
      : null,
  );
}

/** @param {{ criticality: string }[]} changes @returns {Record<string, number>} */
function countByCriticality(changes) {
  /** @type {Record<string, number>} */
  const counts = {};
  for (const change of changes) counts[change.criticality] = (counts[change.criticality] ?? 0) + 1;
  return counts;
}

/**
 * An element holding one line of inline Markdown; `renderInline` escapes all text before adding its tags.
 * @param {string} tag @param {string} markdown
 */
function renderedInline(tag, markdown) {
  const element = h(tag);
  element.innerHTML = renderInline(markdown);
  return element;
}

/**
 * `published catalog by alice (abc1234) · `: who brought the version's subgraphs in, when the publish said so.
 * @param {{ subgraph: string, author: string | null, commit: string | null }[]} published
 */
function publishedBy(published) {
  const named = published.filter((p) => p.author || p.commit);
  if (named.length === 0) return [];
  const text = named.map((p) => [p.subgraph, p.author ? `by ${p.author}` : '', p.commit ? `(${p.commit.slice(0, 12)})` : ''].filter(Boolean).join(' ')).join(', ');
  return [h('span', { class: 'published-by' }, `published ${text}`), ' · '];
}
