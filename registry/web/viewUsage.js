import { queries } from './api.js';
import { renderSeriesChart } from './chart.js';
import { h } from './dom.js';
import { isHidden, readClientFilters } from './clientFilters.js';
import { formatCount } from './format.js';

/**
 * Usage over time: requests (and errors) per bucket for the whole graph, one field (`field`, a coordinate), one
 * client (`client`, a name), or one client's requests of one field (both), drawn as an SVG bar chart.
 * @param {import('./main.js').ViewContext} context
 */
export async function renderUsage(context) {
  const field = context.params.get('field') ?? '';
  const client = context.params.get('client') ?? '';
  const data = await context.api.request(queries.series, {
    graph: context.graph,
    variant: context.variant,
    since: context.since,
    coordinate: field || null,
    client: client || null,
  });
  /** @type {{ time: string, requests: number, errors: number }[]} */
  const points = data.usageSeries;
  const subject =
    field && client
      ? `field ${field} by client ${client}`
      : field
        ? `field ${field}`
        : client
          ? `client ${client}`
          : `graph ${context.graph}@${context.variant}`;
  const total = points.reduce((sum, point) => sum + point.requests, 0);
  const errors = points.reduce((sum, point) => sum + point.errors, 0);
  const filters = readClientFilters(context.graph);
  const clientNames = [...new Set(data.usageClients.map((/** @type {any} */ entry) => entry.name))]
    .filter((name) => name === client || !isHidden(name, filters))
    .sort();

  const fieldInput = h('input', { type: 'search', id: 'usage-field', value: field, placeholder: 'Type.field', 'aria-label': 'Field coordinate' });
  const clientSelect = h(
    'select',
    { id: 'usage-client', 'aria-label': 'Client' },
    h('option', { value: '' }, 'all clients'),
    ...clientNames.map((name) => h('option', { value: name, selected: name === client }, name)),
  );
  const form = h(
    'form',
    {
      class: 'toolbar',
      onsubmit: (/** @type {Event} */ event) => {
        event.preventDefault();
        const coordinate = /** @type {HTMLInputElement} */ (fieldInput).value.trim();
        const name = /** @type {HTMLSelectElement} */ (clientSelect).value;
        context.go('usage', { field: coordinate || undefined, client: name || undefined });
      },
    },
    h('label', {}, 'Field ', fieldInput),
    h('label', {}, 'Client ', clientSelect),
    h('button', { type: 'submit' }, 'Show'),
    field || client ? h('button', { type: 'button', class: 'secondary', onclick: () => context.go('usage', { field: undefined, client: undefined }) }, 'Whole graph') : null,
  );
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, `Requests over the last ${context.since}: ${subject}`),
    form,
    h('p', { class: 'meta', role: 'status' }, `${formatCount(total)} requests, ${formatCount(errors)} errors`),
    renderSeriesChart(points, {
      label: `Requests per bucket for ${subject}`,
      empty: `No requests for ${subject} in the last ${context.since}`,
    }),
    h('p', { class: 'legend' }, h('span', { class: 'swatch swatch-requests' }), ' requests ', h('span', { class: 'swatch swatch-errors' }), ' errors'),
  );
}
