import { queries } from './api.js';
import { h } from './dom.js';
import { formatAgo, formatCount, formatDate, formatTime } from './format.js';

/**
 * Deprecated but used: deprecated fields that operations still select, with the clients (name and version) that
 * do, when each was last seen, and the day usage is forecast to reach zero.
 * @param {import('./main.js').ViewContext} context
 */
export async function renderDeprecated(context) {
  const { usageDeprecatedFields: fields } = await context.api.request(queries.deprecated, { graph: context.graph, variant: context.variant, since: context.since });
  if (fields.length === 0) return h('section', { class: 'card' }, h('p', { class: 'empty' }, `No deprecated field was used in the last ${context.since}.`));
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, `Deprecated fields still in use (${fields.length})`),
    h('p', { class: 'meta' }, 'Ask these clients to move off before removing the field.'),
    h(
      'table',
      { class: 'table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Field'), h('th', {}, 'Reason'), h('th', { class: 'num' }, 'Requests'), h('th', {}, 'Clients'), h('th', {}, 'Last seen'), h('th', {}, 'Forecast zero'))),
      h(
        'tbody',
        {},
        ...fields.map((/** @type {any} */ field) =>
          h(
            'tr',
            { 'data-coordinate': field.coordinate },
            h('td', {}, h('a', { href: '#', onclick: (/** @type {Event} */ event) => (event.preventDefault(), context.go('usage', { field: field.coordinate, client: undefined })) }, h('code', {}, field.coordinate))),
            h('td', {}, field.deprecationReason ?? ''),
            h('td', { class: 'num' }, formatCount(field.requests)),
            h(
              'td',
              {},
              h(
                'ul',
                { class: 'client-list' },
                ...field.clients.map((/** @type {any} */ client) =>
                  h('li', { class: 'client' }, h('strong', {}, client.name), ' ', h('span', { class: 'version' }, client.version), ` · ${formatCount(client.requests)} req · ${formatAgo(client.lastSeen)}`),
                ),
              ),
            ),
            h('td', { title: formatTime(field.lastSeen) }, formatAgo(field.lastSeen)),
            h('td', {}, field.forecastZeroDate ? formatDate(field.forecastZeroDate) : 'not declining'),
          ),
        ),
      ),
    ),
  );
}
