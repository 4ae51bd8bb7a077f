import { queries } from './api.js';
import { isHidden, readClientFilters } from './clientFilters.js';
import { h, stack } from './dom.js';
import { formatAgo, formatCount, formatDate, formatTime } from './format.js';

/**
 * Deprecated but used: deprecated fields that operations still select, with the clients (name and version) that
 * do, when each was last seen, and the day usage is forecast to reach zero.
 * @param {import('./main.js').ViewContext} context
 */
export async function renderDeprecated(context) {
  const { usageDeprecatedFields: fields } = await context.api.request(queries.deprecated, { graph: context.graph, variant: context.variant, since: context.since });
  if (fields.length === 0)
    return h('section', { class: 'card' }, h('p', { class: 'empty' }, `No deprecated field of ${context.graph}@${context.variant} was used in the last ${context.since}: nothing stands in the way of removing them (or nothing is deprecated).`));
  const filters = readClientFilters(context.graph);
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, `Deprecated fields still in use (${fields.length})`),
    h('p', { class: 'meta' }, 'Ask these clients to move off before removing the field.'),
    stack(h(
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
            h('td', {}, h('a', { href: '#', onclick: (/** @type {Event} */ event) => (event.preventDefault(), context.go('field', { field: field.coordinate })) }, h('code', {}, field.coordinate))),
            h('td', {}, field.deprecationReason ?? ''),
            h('td', { class: 'num' }, formatCount(field.requests)),
            h(
              'td',
              {},
              h(
                'ul',
                { class: 'client-list' },
                ...field.clients.filter((/** @type {any} */ client) => !isHidden(client.name, filters)).map((/** @type {any} */ client) =>
                  h('li', { class: 'client' }, h('strong', {}, client.name), ' ', h('span', { class: 'version' }, client.version), ` · ${formatCount(client.requests)} req · ${formatAgo(client.lastSeen)}`),
                ),
              ),
            ),
            h('td', { title: formatTime(field.lastSeen) }, formatAgo(field.lastSeen)),
            h('td', { class: 'forecast' }, describeForecastZero(field)),
          ),
        ),
      ),
    )),
  );
}

/** The forecast column: the zero date, or why there is none. @param {{ forecastZeroDate: string | null, forecastStatus: string }} field */
function describeForecastZero(field) {
  if (field.forecastZeroDate) return formatDate(field.forecastZeroDate);
  return field.forecastStatus === 'NOT_DECLINING' ? 'not declining' : 'not enough data';
}
