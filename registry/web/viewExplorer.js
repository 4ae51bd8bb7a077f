import { queries } from './api.js';
import { deprecatedBadge, unusedBadge } from './badges.js';
import { h, replace } from './dom.js';
import { describeTrend, formatAgo, formatCount, formatTime } from './format.js';

/** Height of one row in pixels; the list renders only the rows in view, so thousands of fields stay fast. */
const rowHeight = 34;
/** Rows drawn above and below the visible ones, so fast scrolling shows no gaps. */
const overscan = 12;

/**
 * @typedef {{ coordinate: string, kind?: string, deprecated: boolean, deprecationReason?: string | null, requests: number,
 *   operations?: number, clients: number, lastSeen?: string | null, trend?: { direction: string, previous?: number, changePercent?: number | null } }} FieldUsage
 * @typedef {{ coordinate: string, name: string, kind: string, type: string | null, defaultValue: string | null,
 *   deprecationReason: string | null, arguments?: SchemaElement[] }} SchemaElement
 * @typedef {{ name: string, kind: string, related: string[], fields: SchemaElement[] }} SchemaType
 * @typedef {{ header: true, type: string, kind: string, members: string, count: number } | { header: false, argument: boolean, name: string, type: string,
 *   defaultValue: string | null, coordinate: string, deprecated: boolean, deprecationReason: string | null, usage: FieldUsage | undefined }} Row
 */

/**
 * Schema explorer: every type and field of the served API schema with its usage in the window beside it, a filter
 * box and "only unused / only deprecated" toggles. One request for the schema and one for the usage of every field.
 * @param {import('./main.js').ViewContext} context
 */
export async function renderExplorer(context) {
  const variables = { graph: context.graph, variant: context.variant, since: context.since };
  const [schema, usage] = await Promise.all([
    context.api.request(queries.apiSchema, variables),
    context.api.request(queries.fieldUsage, variables).then(
      (data) => ({ fields: /** @type {FieldUsage[]} */ (data.usageFields), error: undefined }),
      (error) => ({ fields: /** @type {FieldUsage[]} */ ([]), error }),
    ),
  ]);
  const version = schema.supergraphVersion;
  if (!version) return h('section', { class: 'card' }, h('p', { class: 'empty' }, `No supergraph version of ${context.graph}@${context.variant} yet, so there is no schema to explore: publish a subgraph to it first.`));
  const byCoordinate = new Map(usage.fields.map((field) => [field.coordinate, field]));
  const rows = buildRows(version.apiSchemaTypes, byCoordinate);

  const filterInput = h('input', { type: 'search', id: 'explorer-filter', placeholder: 'Filter by type or field, e.g. Supply.code', value: context.params.get('q') ?? '', 'aria-label': 'Filter fields' });
  const onlyUnused = h('input', { type: 'checkbox', id: 'only-unused' });
  const onlyDeprecated = h('input', { type: 'checkbox', id: 'only-deprecated' });
  const summary = h('p', { class: 'meta', role: 'status' });
  const spacer = h('div', { class: 'virtual-spacer' });
  const scroller = h('div', { class: 'virtual-scroller', tabindex: '0', role: 'table', 'aria-label': 'Fields and their usage' }, spacer);

  /** @type {Row[]} */
  let visible = rows;
  const apply = () => {
    const needle = /** @type {HTMLInputElement} */ (filterInput).value.trim().toLowerCase();
    const unusedOnly = /** @type {HTMLInputElement} */ (onlyUnused).checked;
    const deprecatedOnly = /** @type {HTMLInputElement} */ (onlyDeprecated).checked;
    visible = filterRows(rows, (row) =>
      (!needle || row.coordinate.toLowerCase().includes(needle) || `${row.coordinate}: ${row.type}`.toLowerCase().includes(needle)) &&
      (!unusedOnly || !row.usage || row.usage.requests === 0) &&
      (!deprecatedOnly || row.deprecated),
      // Unions and scalars have no members: shown while no toggle is on and the filter matches their name.
      (type) => !unusedOnly && !deprecatedOnly && (!needle || `${type.kind} ${type.type}`.toLowerCase().includes(needle)),
    );
    const fields = visible.filter((row) => !row.header).length;
    summary.textContent =
      fields === 0
        ? `No field, argument or enum value matches${needle ? ` “${needle}”` : ''}${unusedOnly ? ', unused' : ''}${deprecatedOnly ? ', deprecated' : ''} in schema version ${version.version}.`
        : `${formatCount(fields)} fields, arguments and enum values shown · schema version ${version.version} · usage over the last ${context.since}`;
    spacer.style.height = `${visible.length * rowHeight}px`;
    scroller.scrollTop = 0;
    draw();
  };
  let frame = 0;
  const draw = () => {
    frame = 0;
    const first = Math.max(0, Math.floor(scroller.scrollTop / rowHeight) - overscan);
    const last = Math.min(visible.length, Math.ceil((scroller.scrollTop + (scroller.clientHeight || 600)) / rowHeight) + overscan);
    replace(spacer, ...visible.slice(first, last).map((row, offset) => renderRow(row, first + offset, context)));
  };
  scroller.addEventListener('scroll', () => {
    frame ||= requestAnimationFrame(draw);
  });
  filterInput.addEventListener('input', apply);
  onlyUnused.addEventListener('change', apply);
  onlyDeprecated.addEventListener('change', apply);
  apply();
  // The scroller has no height until it is in the document; draw again once it is.
  requestAnimationFrame(draw);

  return h(
    'section',
    { class: 'card explorer' },
    usage.error
      ? h('p', { class: 'error', role: 'alert' }, `Usage is not available, showing the schema only: ${usage.error instanceof Error ? usage.error.message : String(usage.error)}`)
      : null,
    h(
      'div',
      { class: 'toolbar' },
      filterInput,
      h('label', {}, onlyUnused, ' only unused'),
      h('label', {}, onlyDeprecated, ' only deprecated'),
    ),
    summary,
    h(
      'div',
      { class: 'row row-head', role: 'row' },
      h('span', { role: 'columnheader' }, 'Field'),
      h('span', { role: 'columnheader', class: 'num' }, 'Requests'),
      h('span', { role: 'columnheader', class: 'num' }, 'Clients'),
      h('span', { role: 'columnheader' }, 'Last seen'),
      h('span', { role: 'columnheader' }, 'Trend'),
    ),
    scroller,
  );
}

/**
 * Type headers followed by their fields, input fields or enum values, each field followed by its arguments, as the
 * registry read them from the schema with graphql-js; usage is joined by coordinate (`Type.field`,
 * `Type.field(arg:)`). Unions and scalars have a header only.
 * @param {SchemaType[]} types @param {Map<string, FieldUsage>} usage
 * @returns {Row[]}
 */
function buildRows(types, usage) {
  /** @type {Row[]} */
  const rows = [];
  /** @param {SchemaElement} element @param {boolean} argument */
  const push = (element, argument) => {
    const elementUsage = usage.get(element.coordinate);
    rows.push({
      header: false,
      argument,
      name: element.name,
      type: element.type ?? '',
      defaultValue: element.defaultValue,
      coordinate: element.coordinate,
      deprecated: element.deprecationReason !== null,
      deprecationReason: element.deprecationReason,
      usage: elementUsage,
    });
  };
  for (const type of types) {
    const members = type.kind === 'UNION' && type.related.length ? ` = ${type.related.join(' | ')}` : '';
    rows.push({ header: true, type: type.name, kind: kindLabel(type), members, count: type.fields.length });
    for (const field of type.fields) {
      push(field, false);
      for (const argument of field.arguments ?? []) push(argument, true);
    }
  }
  return rows;
}

/** `OBJECT` → `type`, `INPUT_OBJECT` → `input`. @param {SchemaType} type */
function kindLabel(type) {
  const label = { OBJECT: 'type', INTERFACE: 'interface', INPUT_OBJECT: 'input', ENUM: 'enum', UNION: 'union', SCALAR: 'scalar' }[type.kind] ?? type.kind.toLowerCase();
  return label;
}

/**
 * Keeps the fields that pass and the headers of types with at least one of them, and the headers of member-less
 * types (unions, scalars) that pass `keepEmpty`.
 * @param {Row[]} rows @param {(row: Extract<Row, { header: false }>) => boolean} keep
 * @param {(row: Extract<Row, { header: true }>) => boolean} keepEmpty
 * @returns {Row[]}
 */
function filterRows(rows, keep, keepEmpty) {
  /** @type {Row[]} */
  const result = [];
  /** @type {Row | undefined} */
  let header;
  for (const row of rows) {
    if (row.header) {
      header = row;
      if (row.count === 0 && keepEmpty(row)) result.push(row);
    } else if (keep(row)) {
      if (header) result.push(header);
      header = undefined;
      result.push(row);
    }
  }
  return result;
}

/** @param {Row} row @param {number} index @param {import('./main.js').ViewContext} context */
function renderRow(row, index, context) {
  const element = buildRow(row, context);
  // Positioned through the CSSOM: the page's Content-Security-Policy refuses inline style attributes.
  element.style.top = `${index * rowHeight}px`;
  element.style.height = `${rowHeight}px`;
  return element;
}

/** @param {Row} row @param {import('./main.js').ViewContext} context */
function buildRow(row, context) {
  if (row.header) {
    return h('div', { class: 'row row-type', role: 'row', 'data-type': row.type }, h('span', { role: 'cell' }, h('span', { class: 'kind' }, row.kind), ' ', h('strong', {}, row.type), row.members ? h('span', { class: 'field-type' }, row.members) : null));
  }
  const usage = row.usage;
  const requests = usage?.requests ?? 0;
  const trend = describeTrend(usage?.trend);
  return h(
    'div',
    { class: `row${requests === 0 ? ' row-unused' : ''}${row.argument ? ' row-argument' : ''}`, role: 'row', 'data-coordinate': row.coordinate },
    h(
      'span',
      { role: 'cell', class: 'field' },
      h(
        'a',
        { href: '#', class: row.argument ? 'argument' : undefined, title: `Open ${row.coordinate}`, onclick: (/** @type {Event} */ event) => (event.preventDefault(), context.go('field', { field: row.coordinate })) },
        row.argument ? `(${row.name}:)` : row.name,
      ),
      row.type ? h('span', { class: 'field-type' }, `: ${row.type}`) : null,
      row.defaultValue !== null ? h('span', { class: 'field-default' }, ` = ${row.defaultValue}`) : null,
      row.deprecated ? deprecatedBadge(row.deprecationReason) : null,
      usage && requests === 0 ? unusedBadge() : null,
    ),
    h('span', { role: 'cell', class: 'num requests' }, usage ? formatCount(requests) : '—'),
    h('span', { role: 'cell', class: 'num' }, usage ? formatCount(usage.clients) : '—'),
    h('span', { role: 'cell', title: formatTime(usage?.lastSeen) }, formatAgo(usage?.lastSeen)),
    h('span', { role: 'cell', class: `trend ${trend.className}`, title: trend.label }, requests === 0 && !usage?.trend?.previous ? '—' : `${trend.arrow} ${trend.label}`),
  );
}
