import { queries } from './api.js';
import { h } from './dom.js';
import { formatCount, formatTime } from './format.js';

/** `12 ms`, `1.5 ms`, or a dash when there were no requests. @param {number | null | undefined} value */
export function formatMs(value) {
  if (value == null) return '—';
  return `${value >= 100 ? Math.round(value) : Math.round(value * 10) / 10} ms`;
}

/** Failed requests and their share: `3 (1.2 %)`. @param {number} requests @param {number} errors */
export function formatErrors(requests, errors) {
  if (!errors) return '0';
  return `${formatCount(errors)} (${((errors / requests) * 100).toFixed(1)} %)`;
}

/** What the latency numbers are made from. @param {number[]} bounds */
function resolutionText(bounds) {
  const last = bounds[bounds.length - 1];
  return `Latency comes from histograms with buckets up to ${bounds.join(', ')} ms, interpolated inside a bucket; requests slower than ${last} ms count as ${last} ms.`;
}

/**
 * Operations: every operation requested in the window, busiest first, with requests, errors, p95 and its clients;
 * choosing one opens its detail panel (document, clients and versions, errors by code, p50/p95/p99 and the latency
 * histogram, first and last seen). The chosen operation is kept in the route (`op=<signature>`).
 * @param {import('./main.js').ViewContext} context
 */
export async function renderOperations(context) {
  const data = await context.api.request(queries.operations, { graph: context.graph, variant: context.variant, since: context.since });
  /** @type {any[]} */
  const operations = data.usageOperations;
  /** @type {number[]} */
  const bounds = data.usageLatencyBucketsMs;
  if (operations.length === 0) return h('section', { class: 'card' }, h('p', { class: 'empty' }, `No operation was requested in the last ${context.since}. Usage appears here once a gateway reports requests for this variant.`));
  const chosen = operations.find((operation) => operation.signature === context.params.get('op'));
  const rows = operations.map((operation) =>
    h(
      'tr',
      { 'data-signature': operation.signature, class: operation === chosen ? 'selected' : '' },
      h(
        'td',
        { 'data-label': 'Operation' },
        h('a', { href: '#', class: 'operation-link', onclick: (/** @type {Event} */ event) => (event.preventDefault(), context.go('operations', { op: operation.signature })) }, operation.name ?? 'anonymous'),
        h('span', { class: 'version' }, ` ${operation.type}`),
      ),
      h('td', { 'data-label': 'Requests', class: 'num requests' }, formatCount(operation.requests)),
      h('td', { 'data-label': 'Errors', class: `num errors${operation.errors > 0 ? ' has-errors' : ''}` }, formatErrors(operation.requests, operation.errors)),
      h('td', { 'data-label': 'p95', class: 'num p95' }, formatMs(operation.p95Ms)),
      h('td', { 'data-label': 'Clients', class: 'clients' }, operation.clients.map((/** @type {any} */ client) => client.name).filter((/** @type {string} */ name, /** @type {number} */ i, /** @type {string[]} */ all) => all.indexOf(name) === i).join(', ')),
      h('td', { 'data-label': 'Last seen' }, formatTime(operation.lastSeen)),
    ),
  );
  return h(
    'div',
    { class: 'operations' },
    chosen ? renderDetail(chosen, bounds, context) : null,
    h(
      'section',
      { class: 'card' },
      h('h2', {}, `Operations (${formatCount(operations.length)})`),
      h('p', { class: 'meta' }, `Busiest first over the last ${context.since}. Choose one for its document, clients, errors by code and latency.`),
      h(
        'table',
        { class: 'table stack operation-list' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Operation'), h('th', { class: 'num' }, 'Requests'), h('th', { class: 'num' }, 'Errors'), h('th', { class: 'num' }, 'p95'), h('th', {}, 'Clients'), h('th', {}, 'Last seen'))),
        h('tbody', {}, ...rows),
      ),
    ),
  );
}

/**
 * @param {any} operation @param {number[]} bounds @param {import('./main.js').ViewContext} context
 */
function renderDetail(operation, bounds, context) {
  const total = operation.latencyHistogram.reduce((/** @type {number} */ sum, /** @type {number} */ n) => sum + n, 0);
  const largest = Math.max(1, ...operation.latencyHistogram);
  return h(
    'section',
    { class: 'card operation-detail', 'aria-label': `Operation ${operation.name ?? 'anonymous'}` },
    h(
      'div',
      { class: 'detail-head' },
      h('h2', {}, operation.name ?? h('em', {}, 'anonymous'), h('span', { class: 'version' }, ` ${operation.type}`)),
      h('a', { href: '#', class: 'close', onclick: (/** @type {Event} */ event) => (event.preventDefault(), context.go('operations', { op: undefined })) }, 'Close'),
    ),
    h('p', { class: 'meta signature' }, h('code', {}, operation.signature)),
    h(
      'dl',
      { class: 'facts' },
      fact('Requests', formatCount(operation.requests), 'requests'),
      fact('Errors', formatErrors(operation.requests, operation.errors), 'errors'),
      fact('p50', formatMs(operation.p50Ms), 'p50'),
      fact('p95', formatMs(operation.p95Ms), 'p95'),
      fact('p99', formatMs(operation.p99Ms), 'p99'),
      fact('First seen', formatTime(operation.firstSeen), 'first-seen'),
      fact('Last seen', formatTime(operation.lastSeen), 'last-seen'),
    ),
    h('h3', {}, 'Errors by code'),
    operation.errorsByCode.length === 0
      ? h('p', { class: 'empty' }, operation.errors > 0 ? 'The gateway reported no codes for these errors.' : 'No request failed.')
      : h('ul', { class: 'chips error-codes' }, ...operation.errorsByCode.map((/** @type {any} */ code) => h('li', { class: 'chip', 'data-code': code.code }, h('code', {}, code.code), ` ${formatCount(code.count)}`))),
    h('h3', {}, 'Clients and versions'),
    h(
      'table',
      { class: 'table stack operation-clients' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Client'), h('th', {}, 'Version'), h('th', { class: 'num' }, 'Requests'), h('th', { class: 'num' }, 'Errors'))),
      h(
        'tbody',
        {},
        ...operation.clients.map((/** @type {any} */ client) =>
          h(
            'tr',
            { 'data-client': `${client.name}@${client.version}` },
            h('td', { 'data-label': 'Client' }, h('strong', {}, client.name)),
            h('td', { 'data-label': 'Version', class: 'version' }, client.version || '—'),
            h('td', { 'data-label': 'Requests', class: 'num' }, formatCount(client.requests)),
            h('td', { 'data-label': 'Errors', class: 'num' }, formatErrors(client.requests, client.errors)),
          ),
        ),
      ),
    ),
    h('h3', {}, 'Latency'),
    h(
      'ol',
      { class: 'histogram', 'aria-label': 'Requests per latency bucket' },
      ...operation.latencyHistogram.map((/** @type {number} */ count, /** @type {number} */ bucket) => {
        const lower = bucket === 0 ? 0 : bounds[bucket - 1];
        const label = bucket < bounds.length ? `${lower}–${bounds[bucket]} ms` : `over ${bounds[bounds.length - 1]} ms`;
        const share = total > 0 ? `${Math.round((count / total) * 1000) / 10} %` : '0 %';
        const bar = h('span', {});
        // Through the CSSOM: the page's Content-Security-Policy refuses style attributes.
        bar.style.width = `${(count / largest) * 100}%`;
        return h(
          'li',
          { title: `${label}: ${formatCount(count)} requests (${share})`, tabindex: '0' },
          h('span', { class: 'bucket-label' }, label),
          h('span', { class: 'bucket-bar' }, bar),
          h('span', { class: 'num bucket-count' }, formatCount(count)),
        );
      }),
    ),
    h('p', { class: 'meta resolution' }, resolutionText(bounds)),
    h('h3', {}, 'Document'),
    h('pre', { class: 'document' }, operation.document),
  );
}

/** @param {string} label @param {string} value @param {string} key */
function fact(label, value, key) {
  return h('div', { class: `fact fact-${key}` }, h('dt', {}, label), h('dd', {}, value));
}
