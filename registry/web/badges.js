import { h } from './dom.js';

/** A criticality badge: BREAKING, DANGEROUS or SAFE. @param {string} criticality */
export function criticalityBadge(criticality) {
  return h('span', { class: `badge badge-${criticality.toLowerCase()}` }, criticality);
}

/** A "deprecated" badge with the reason as its tooltip. @param {string | null | undefined} reason */
export function deprecatedBadge(reason) {
  return h('span', { class: 'badge badge-deprecated', title: reason ? `Deprecated: ${reason}` : 'Deprecated' }, 'deprecated');
}

/** An "unused" badge. */
export function unusedBadge() {
  return h('span', { class: 'badge badge-unused' }, 'unused');
}
