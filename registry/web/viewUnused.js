import { queries } from './api.js';
import { deprecatedBadge } from './badges.js';
import { h, stack } from './dom.js';
import { formatCount, formatTime } from './format.js';

/** Rows shown before "Show all": keeps a schema with thousands of unused fields quick to open. */
const firstPage = 200;

/**
 * Unused: fields of the served schema no operation used in the window, grouped by type, with when each was last
 * seen (if ever). These are the candidates for removal.
 * @param {import('./main.js').ViewContext} context
 */
export async function renderUnused(context) {
  const { usageUnusedFields: fields } = await context.api.request(queries.unused, { graph: context.graph, variant: context.variant, since: context.since });
  if (fields.length === 0)
    return h('section', { class: 'card' }, h('p', { class: 'empty' }, `Every field of ${context.graph}@${context.variant} was used in the last ${context.since} (or no version is published yet): there is nothing to remove.`));
  const body = h('tbody', {});
  const show = (/** @type {number} */ count) =>
    body.replaceChildren(
      ...fields.slice(0, count).map((/** @type {any} */ field) =>
        h(
          'tr',
          { 'data-coordinate': field.coordinate },
          h('td', {}, h('a', { href: '#', onclick: (/** @type {Event} */ event) => (event.preventDefault(), context.go('field', { field: field.coordinate })) }, h('code', {}, field.coordinate)), field.deprecated ? deprecatedBadge(field.deprecationReason) : null),
          h('td', {}, field.kind),
          h('td', {}, field.lastSeen ? `last used ${formatTime(field.lastSeen)}` : 'never used'),
        ),
      ),
    );
  show(firstPage);
  const more =
    fields.length > firstPage
      ? h('button', { type: 'button', class: 'secondary', onclick: (/** @type {Event} */ event) => (show(fields.length), /** @type {HTMLElement} */ (event.target).remove()) }, `Show all ${formatCount(fields.length)}`)
      : null;
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, `Unused fields (${formatCount(fields.length)})`),
    h('p', { class: 'meta' }, `No operation selected these in the last ${context.since}. Deprecate them before removing them.`),
    stack(h('table', { class: 'table' }, h('thead', {}, h('tr', {}, h('th', {}, 'Field'), h('th', {}, 'Kind'), h('th', {}, 'Last seen'))), body)),
    more,
  );
}
