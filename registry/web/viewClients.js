import { queries } from './api.js';
import { h } from './dom.js';
import { formatCount, formatTime } from './format.js';

/**
 * Clients: every client name and version seen in the window with its requests, errors, operations and the fields
 * it selects; each opens to its operations and fields.
 * @param {import('./main.js').ViewContext} context
 */
export async function renderClients(context) {
  const { usageClients: clients } = await context.api.request(queries.clients, { graph: context.graph, variant: context.variant, since: context.since });
  if (clients.length === 0) return h('section', { class: 'card' }, h('p', { class: 'empty' }, `No client sent requests in the last ${context.since}.`));
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, `Clients (${clients.length})`),
    h(
      'table',
      { class: 'table clients' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Client'), h('th', {}, 'Version'), h('th', { class: 'num' }, 'Requests'), h('th', { class: 'num' }, 'Errors'), h('th', { class: 'num' }, 'Operations'), h('th', { class: 'num' }, 'Fields'), h('th', {}, ''))),
      ...clients.map((/** @type {any} */ client) => {
        const errorRate = client.requests > 0 ? ` (${((client.errors / client.requests) * 100).toFixed(1)} %)` : '';
        return h(
          'tbody',
          { 'data-client': `${client.name}@${client.version}` },
          h(
            'tr',
            {},
            h('td', {}, h('strong', { class: 'client-name' }, client.name)),
            h('td', { class: 'client-version' }, client.version),
            h('td', { class: 'num requests' }, formatCount(client.requests)),
            h('td', { class: `num${client.errors > 0 ? ' has-errors' : ''}` }, `${formatCount(client.errors)}${client.errors > 0 ? errorRate : ''}`),
            h('td', { class: 'num' }, formatCount(client.operations.length)),
            h('td', { class: 'num' }, formatCount(client.fields.length)),
            h('td', {}, h('a', { href: '#', onclick: (/** @type {Event} */ event) => (event.preventDefault(), context.go('usage', { client: client.name, field: undefined })) }, 'Usage over time')),
          ),
          h(
            'tr',
            { class: 'details-row' },
            h(
              'td',
              { colspan: '7' },
              h(
                'details',
                {},
                h('summary', {}, `Operations and fields of ${client.name} ${client.version}`),
                h(
                  'table',
                  { class: 'table inner' },
                  h('thead', {}, h('tr', {}, h('th', {}, 'Operation'), h('th', {}, 'Type'), h('th', { class: 'num' }, 'Requests'), h('th', { class: 'num' }, 'Errors'), h('th', { class: 'num' }, 'p95'), h('th', {}, 'Last seen'))),
                  h(
                    'tbody',
                    {},
                    ...client.operations.map((/** @type {any} */ operation) =>
                      h(
                        'tr',
                        {},
                        h('td', { title: operation.signature }, operation.name ?? h('em', {}, 'anonymous')),
                        h('td', {}, operation.type),
                        h('td', { class: 'num' }, formatCount(operation.requests)),
                        h('td', { class: 'num' }, formatCount(operation.errors)),
                        h('td', { class: 'num' }, operation.p95Ms == null ? '—' : `${Math.round(operation.p95Ms)} ms`),
                        h('td', {}, formatTime(operation.lastSeen)),
                      ),
                    ),
                  ),
                ),
                h('p', { class: 'chips' }, ...client.fields.map((/** @type {string} */ field) => h('code', { class: 'chip' }, field))),
              ),
            ),
          ),
        );
      }),
    ),
  );
}
