/**
 * Which clients a person hides or groups, per graph, kept in this browser's localStorage: test and junk clients out
 * of the way without changing what the registry counts. Patterns are globs on the client name (`*` any run of
 * characters), separated by commas or spaces, e.g. `test-*, *-junk`.
 * @typedef {{ hide: string, group: string }} ClientFilters
 */

/** @param {string} graph */
export function clientFiltersKey(graph) {
  return `switchyard.clientFilters.${graph}`;
}

/** @param {string} graph @returns {ClientFilters} */
export function readClientFilters(graph) {
  try {
    const stored = JSON.parse(localStorage.getItem(clientFiltersKey(graph)) ?? '{}');
    return { hide: typeof stored.hide === 'string' ? stored.hide : '', group: typeof stored.group === 'string' ? stored.group : '' };
  } catch {
    return { hide: '', group: '' };
  }
}

/** @param {string} graph @param {ClientFilters} filters */
export function writeClientFilters(graph, filters) {
  localStorage.setItem(clientFiltersKey(graph), JSON.stringify(filters));
}

/** The patterns of a list: `a-*, b` → [`a-*`, `b`]. @param {string} list */
export function patternsOf(list) {
  return list.split(/[\s,]+/).filter(Boolean);
}

/** Whether `name` matches the glob `pattern` (case-insensitive). @param {string} pattern @param {string} name */
export function matchesPattern(pattern, name) {
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`, 'i').test(name);
}

/** Whether a client name is hidden by the graph's filters. @param {string} name @param {ClientFilters} filters */
export function isHidden(name, filters) {
  return patternsOf(filters.hide).some((pattern) => matchesPattern(pattern, name));
}

/** The first group pattern a client name matches, or undefined. @param {string} name @param {ClientFilters} filters */
export function groupOf(name, filters) {
  return patternsOf(filters.group).find((pattern) => matchesPattern(pattern, name));
}
