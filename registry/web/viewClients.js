import { queries } from './api.js';
import { groupOf, isHidden, patternsOf, readClientFilters, writeClientFilters } from './clientFilters.js';
import { h, replace, stack } from './dom.js';
import { formatCount, formatTime } from './format.js';

/**
 * Clients: every client name and version seen in the window with its requests, errors, operations and the fields
 * it selects; each opens to its operations and fields.
 * @param {import('./main.js').ViewContext} context
 */
export async function renderClients(context) {
  const { usageClients: clients } = await context.api.request(queries.clients, { graph: context.graph, variant: context.variant, since: context.since });
  if (clients.length === 0)
    return h('section', { class: 'card' }, h('p', { class: 'empty' }, `No client sent requests to ${context.graph}@${context.variant} in the last ${context.since}. Clients appear once a gateway reports usage with their apollographql-client-name header.`));
  const filters = readClientFilters(context.graph);
  const hideInput = h('input', { type: 'search', id: 'clients-hide', value: filters.hide, placeholder: 'test-*, *-junk', 'aria-label': 'Hide clients matching' });
  const groupInput = h('input', { type: 'search', id: 'clients-group', value: filters.group, placeholder: 'ios-*, web-*', 'aria-label': 'Group clients matching' });
  const content = h('div', { class: 'clients-content' });
  const draw = () => {
    const current = readClientFilters(context.graph);
    const shown = clients.filter((/** @type {any} */ client) => !isHidden(client.name, current));
    const hidden = clients.length - shown.length;
    replace(
      content,
      h('h2', {}, `Clients (${shown.length}${hidden ? ` of ${clients.length}` : ''})`),
      hidden ? h('p', { class: 'meta hidden-clients' }, `${hidden} client version(s) hidden by ${patternsOf(current.hide).join(', ')}; they are still counted everywhere else.`) : '',
      shown.length === 0 ? h('p', { class: 'empty' }, 'Every client is hidden by the patterns above: clear them to see the clients again.') : renderTable(groupClients(shown, current)),
    );
  };
  const form = h(
    'form',
    {
      class: 'toolbar client-filters',
      onsubmit: (/** @type {Event} */ event) => {
        event.preventDefault();
        writeClientFilters(context.graph, {
          hide: /** @type {HTMLInputElement} */ (hideInput).value.trim(),
          group: /** @type {HTMLInputElement} */ (groupInput).value.trim(),
        });
        draw();
      },
    },
    h('label', {}, 'Hide ', hideInput),
    h('label', {}, 'Group ', groupInput),
    h('button', { type: 'submit' }, 'Apply'),
  );
  draw();
  return h('section', { class: 'card' }, h('p', { class: 'meta' }, `Name patterns (* matches anything) are kept in this browser for ${context.graph}.`), form, content);

  /** @param {{ group: string | undefined, clients: any[] }[]} groups */
  function renderTable(groups) {
    const clients = groups.flatMap((group) => [{ group: group.group, members: group.clients }, ...group.clients]);
    return stack(h(
      'table',
      { class: 'table clients' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Client'), h('th', {}, 'Version'), h('th', { class: 'num' }, 'Requests'), h('th', { class: 'num' }, 'Errors'), h('th', { class: 'num' }, 'Operations'), h('th', { class: 'num' }, 'Fields'), h('th', {}, ''))),
      ...clients.map((/** @type {any} */ client) => {
        if ('members' in client) return client.group === undefined ? null : groupRow(client.group, client.members);
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
                stack(h(
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
                )),
                h('p', { class: 'chips' }, ...client.fields.map((/** @type {string} */ field) => h('code', { class: 'chip' }, field))),
              ),
            ),
          ),
        );
      }),
    ));
  }
}

/**
 * Orders clients into their groups (in the order of the patterns), the ungrouped last.
 * @param {any[]} clients @param {import('./clientFilters.js').ClientFilters} filters
 */
function groupClients(clients, filters) {
  /** @type {Map<string | undefined, any[]>} */
  const groups = new Map(patternsOf(filters.group).map((pattern) => [pattern, []]));
  groups.set(undefined, []);
  for (const client of clients) groups.get(groupOf(client.name, filters))?.push(client);
  return [...groups].filter(([, members]) => members.length > 0).map(([group, members]) => ({ group, clients: members }));
}

/** A group's heading row with its members' totals. @param {string} pattern @param {any[]} members */
function groupRow(pattern, members) {
  const requests = members.reduce((sum, client) => sum + client.requests, 0);
  const errors = members.reduce((sum, client) => sum + client.errors, 0);
  return h(
    'tbody',
    { class: 'client-group', 'data-group': pattern },
    h('tr', {}, h('td', { colspan: '7' }, h('strong', {}, pattern), ` · ${members.length} client version(s) · ${formatCount(requests)} requests · ${formatCount(errors)} errors`)),
  );
}
