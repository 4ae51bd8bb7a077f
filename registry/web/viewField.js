import { queries } from './api.js';
import { deprecatedBadge } from './badges.js';
import { renderSeriesChart } from './chart.js';
import { isHidden, readClientFilters } from './clientFilters.js';
import { h } from './dom.js';
import { formatAgo, formatCount, formatDate, formatExactTime } from './format.js';

/** Client names drawn as their own chart; the rest are in the table. */
const chartedClients = 6;

/**
 * A field's page (`#/field?field=Type.field`): its owning subgraphs, deprecation reason and the version that
 * deprecated it, exact first and last seen, the client versions that used it with their operations inline,
 * requests over time in all and per client (both filters of the usage series together), and the forecast of
 * the day its usage reaches zero when there are enough days.
 * @param {import('./main.js').ViewContext} context
 */
export async function renderField(context) {
  const coordinate = context.params.get('field') ?? '';
  if (!coordinate) return h('section', { class: 'card' }, h('p', { class: 'empty' }, 'No field chosen: open one from the schema explorer or the deprecated fields.'));
  const variables = { graph: context.graph, variant: context.variant, since: context.since };
  const { usageField: field } = await context.api.request(queries.field, { ...variables, coordinate });
  if (!field) {
    return h('section', { class: 'card' }, h('p', { class: 'empty' }, `The served schema of ${context.graph}@${context.variant} has no ${coordinate}: it was removed, renamed, or never published.`));
  }
  const filters = readClientFilters(context.graph);
  /** @type {any[]} */
  const clients = field.clients.filter((/** @type {any} */ client) => !isHidden(client.name, filters));
  const hiddenCount = field.clients.length - clients.length;
  const names = [...new Set(clients.map((client) => client.name))].slice(0, chartedClients);
  const series = await Promise.all(
    [null, ...names].map((client) => context.api.request(queries.series, { ...variables, coordinate, client }).then((data) => data.usageSeries)),
  );

  const fact = (/** @type {string} */ name, /** @type {string} */ label, /** @type {Node | string} */ value) =>
    h('div', { class: `fact fact-${name}` }, h('dt', {}, label), h('dd', {}, value));
  return h(
    'section',
    { class: 'field-page' },
    h(
      'div',
      { class: 'card' },
      h('div', { class: 'detail-head' }, h('h2', {}, h('code', {}, field.coordinate)), h('span', { class: 'kind' }, field.kind.toLowerCase().replace('_', ' ')), field.deprecationReason !== null ? deprecatedBadge(field.deprecationReason) : null),
      h(
        'dl',
        { class: 'facts' },
        fact('requests', `Requests (${context.since})`, formatCount(field.requests)),
        fact('clients', 'Client versions', formatCount(field.clients.length)),
        fact('subgraphs', 'Owning subgraph', field.subgraphs.length ? field.subgraphs.join(', ') : '— (input or enum)'),
        fact('first-seen', 'First seen', formatExactTime(field.firstSeen)),
        fact('last-seen', 'Last seen', formatExactTime(field.lastSeen)),
        fact('forecast', 'Forecast', describeForecast(field.forecast)),
      ),
      field.deprecationReason !== null
        ? h(
            'p',
            { class: 'deprecation' },
            h('strong', {}, 'Deprecated: '),
            field.deprecationReason || 'no reason given',
            field.deprecatedInVersion ? ` · since version ${field.deprecatedInVersion} (${formatDate(field.deprecatedAt)})` : ' · since before the stored versions',
          )
        : null,
    ),
    h(
      'div',
      { class: 'card' },
      h('h3', {}, 'Clients, versions and operations'),
      hiddenCount > 0 ? h('p', { class: 'meta' }, `${hiddenCount} client version(s) hidden by this graph's client filter (Clients view).`) : null,
      clients.length === 0
        ? h('p', { class: 'empty' }, `No client selected ${field.coordinate} in the last ${context.since}${field.lastSeen ? `; it was last used ${formatAgo(field.lastSeen)}` : ' or ever'}.`)
        : h(
            'table',
            { class: 'table stack field-clients' },
            h('thead', {}, h('tr', {}, h('th', {}, 'Client'), h('th', {}, 'Version'), h('th', { class: 'num' }, 'Requests'), h('th', {}, 'Last seen'), h('th', {}, 'Operations'))),
            h(
              'tbody',
              {},
              ...clients.map((client) =>
                h(
                  'tr',
                  { 'data-client': `${client.name}@${client.version}` },
                  h('td', { 'data-label': 'Client' }, h('strong', {}, client.name)),
                  h('td', { 'data-label': 'Version', class: 'version' }, client.version),
                  h('td', { 'data-label': 'Requests', class: 'num requests' }, formatCount(client.requests)),
                  h('td', { 'data-label': 'Last seen', title: formatExactTime(client.lastSeen) }, formatAgo(client.lastSeen)),
                  h(
                    'td',
                    { 'data-label': 'Operations' },
                    client.operations.length === 0
                      ? h('span', { class: 'empty' }, 'none recorded')
                      : h(
                          'ul',
                          { class: 'operation-names' },
                          ...client.operations.map((/** @type {any} */ operation) =>
                            h('li', { title: operation.signature }, h('code', {}, operation.name ?? 'anonymous'), ` ${operation.type} · ${formatCount(operation.requests)}`),
                          ),
                        ),
                  ),
                ),
              ),
            ),
          ),
    ),
    h(
      'div',
      { class: 'card' },
      h('h3', {}, `Requests over the last ${context.since}`),
      renderSeriesChart(series[0] ?? [], { label: `Requests per bucket for ${field.coordinate}`, empty: `No requests for ${field.coordinate} in the last ${context.since}` }),
      ...names.map((name, index) =>
        h(
          'div',
          { class: 'client-chart', 'data-client-name': name },
          h('h3', {}, `${name}: requests of ${field.coordinate}`),
          renderSeriesChart(series[index + 1] ?? [], { label: `Requests per bucket for ${field.coordinate} by ${name}` }),
        ),
      ),
    ),
  );
}

/** What the forecast says, in words. @param {{ status: string, days: number, zeroDate: string | null }} forecast */
export function describeForecast(forecast) {
  if (forecast.status === 'DECLINING') return `reaches zero around ${formatDate(forecast.zeroDate)} (fitted over ${forecast.days} days)`;
  if (forecast.status === 'NOT_DECLINING') return `not declining (over ${forecast.days} days)`;
  return `not enough data (${forecast.days} day${forecast.days === 1 ? '' : 's'} of usage; needs 2)`;
}
