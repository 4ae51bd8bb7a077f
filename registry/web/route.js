/** The page's views, in the order the tab bar shows them; `hidden` ones are reached by links only. */
/** @type {{ id: string, label: string, hidden?: boolean }[]} */
export const tabs = [
  { id: 'versions', label: 'Versions' },
  { id: 'checks', label: 'Checks' },
  { id: 'explorer', label: 'Schema explorer' },
  { id: 'unused', label: 'Unused' },
  { id: 'deprecated', label: 'Deprecated but used' },
  { id: 'clients', label: 'Clients' },
  { id: 'operations', label: 'Operations' },
  { id: 'subgraphs', label: 'Subgraphs' },
  { id: 'sla', label: 'SLAs' },
  { id: 'usage', label: 'Usage over time' },
  { id: 'audit', label: 'Audit log' },
  // Opened from a field anywhere on the page, not from the tab bar.
  { id: 'field', label: 'Field', hidden: true },
];

/** Time windows a person can pick; the API takes them as `since`. */
export const windows = ['24h', '7d', '30d'];

/**
 * @typedef {{ tab: string, params: URLSearchParams }} Route
 */

/**
 * Reads `#/<tab>?graph=…&variant=…&since=…` (and view-specific keys such as `field`, `client`, `v`, `q`, `op`).
 * @param {string} hash `location.hash`
 * @returns {Route}
 */
export function readRoute(hash) {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const tab = tabs.some((candidate) => candidate.id === path) ? path : 'versions';
  return { tab, params: new URLSearchParams(query) };
}

/**
 * Builds a hash for `tab` with `params`, dropping empty values.
 * @param {string} tab
 * @param {URLSearchParams | Record<string, string | undefined>} params
 */
export function writeRoute(tab, params) {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  const kept = new URLSearchParams();
  for (const [key, value] of entries) if (value !== undefined && value !== '') kept.set(key, value);
  const query = kept.toString();
  return `#/${tab}${query ? `?${query}` : ''}`;
}
