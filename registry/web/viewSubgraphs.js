import { queries } from './api.js';
import { h } from './dom.js';
import { formatCount } from './format.js';
import { formatErrors, formatMs } from './viewOperations.js';

/**
 * The forecast in words: next week's fetches and the method's error on past data, or why there is none.
 * @param {any} forecast
 */
export function describeForecast(forecast) {
  if (forecast.status !== 'OK' || forecast.nextWeek == null)
    return `not enough data (${forecast.days} whole day${forecast.days === 1 ? '' : 's'} of fetches; needs 5)`;
  const error = forecast.backtestError == null ? 'error not measured (needs 12 whole days)' : `error ${(forecast.backtestError * 100).toFixed(1)} % on the window's last 7 days`;
  return `${formatCount(Math.round(forecast.nextWeek))} fetches next week (${error})`;
}

/**
 * Subgraphs: the load the gateways' query plans put on each subgraph, measured from the fetches they sent (entity
 * hops included): fetches, errors and p50/p95/p99 by client, fetches per UTC day, and next week's forecast with
 * its method and its error on past data.
 * @param {import('./main.js').ViewContext} context
 */
export async function renderSubgraphs(context) {
  const data = await context.api.request(queries.subgraphFetches, { graph: context.graph, variant: context.variant, since: context.since });
  /** @type {any[]} */
  const loads = data.usageSubgraphFetches;
  if (loads.length === 0)
    return h(
      'section',
      { class: 'card' },
      h('p', { class: 'empty' }, `No gateway reported subgraph fetches for ${context.graph}@${context.variant} in the last ${context.since}. Fetches appear once a gateway serving this variant reports usage (the fetches its query plans send to each subgraph).`),
    );
  return h(
    'div',
    { class: 'subgraph-loads' },
    h('p', { class: 'meta' }, `Measured from the fetches the gateways' query plans sent over the last ${context.since} (one per fetch node executed, entity hops included), busiest subgraph first.`),
    ...loads.map((load) => renderLoad(load)),
    h('p', { class: 'meta forecast-method' }, `Forecast: ${loads[0].forecast.method}`),
  );
}

/** @param {any} load */
function renderLoad(load) {
  const largest = Math.max(1, ...load.daily.map((/** @type {any} */ day) => day.fetches));
  return h(
    'section',
    { class: 'card subgraph-load', 'data-subgraph': load.subgraph },
    h('h2', {}, load.subgraph),
    h(
      'dl',
      { class: 'facts' },
      fact('Fetches', formatCount(load.fetches), 'fetches'),
      fact('Errors', formatErrors(load.fetches, load.errors), 'errors'),
      fact('p50', formatMs(load.p50Ms), 'p50'),
      fact('p95', formatMs(load.p95Ms), 'p95'),
      fact('p99', formatMs(load.p99Ms), 'p99'),
      fact('Next week', describeForecast(load.forecast), 'forecast'),
    ),
    h('h3', {}, 'By client'),
    h(
      'table',
      { class: 'table stack subgraph-clients' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Client'), h('th', { class: 'num' }, 'Fetches'), h('th', { class: 'num' }, 'Errors'), h('th', { class: 'num' }, 'p50'), h('th', { class: 'num' }, 'p95'), h('th', { class: 'num' }, 'p99'))),
      h(
        'tbody',
        {},
        ...load.clients.map((/** @type {any} */ client) =>
          h(
            'tr',
            { 'data-client': client.client },
            h('td', { 'data-label': 'Client' }, h('strong', {}, client.client || '(no name)')),
            h('td', { 'data-label': 'Fetches', class: 'num fetches' }, formatCount(client.fetches)),
            h('td', { 'data-label': 'Errors', class: `num errors${client.errors > 0 ? ' has-errors' : ''}` }, formatErrors(client.fetches, client.errors)),
            h('td', { 'data-label': 'p50', class: 'num' }, formatMs(client.p50Ms)),
            h('td', { 'data-label': 'p95', class: 'num' }, formatMs(client.p95Ms)),
            h('td', { 'data-label': 'p99', class: 'num' }, formatMs(client.p99Ms)),
          ),
        ),
      ),
    ),
    h('h3', {}, 'Fetches per UTC day'),
    h(
      'ol',
      { class: 'histogram subgraph-daily', 'aria-label': `Fetches to ${load.subgraph} per UTC day` },
      ...load.daily.map((/** @type {any} */ day) => {
        const bar = h('span', {});
        // Through the CSSOM: the page's Content-Security-Policy refuses style attributes.
        bar.style.width = `${(day.fetches / largest) * 100}%`;
        return h(
          'li',
          { title: `${day.day}: ${formatCount(day.fetches)} fetches`, tabindex: '0', 'data-day': day.day },
          h('span', { class: 'bucket-label' }, day.day),
          h('span', { class: 'bucket-bar' }, bar),
          h('span', { class: 'num bucket-count' }, formatCount(day.fetches)),
        );
      }),
    ),
  );
}

/** @param {string} label @param {string} value @param {string} key */
function fact(label, value, key) {
  return h('div', { class: `fact fact-${key}` }, h('dt', {}, label), h('dd', {}, value));
}
