import { queries } from './api.js';
import { h } from './dom.js';
import { formatCount, formatTime } from './format.js';

/** A fraction as a percentage: `0.015` → `1.5 %`. @param {number} fraction */
function percent(fraction) {
  return `${Math.round(fraction * 10_000) / 100} %`;
}

/** `p95 ≤ 300 ms · errors ≤ 1 %`. @param {any} target */
function boundsText(target) {
  const parts = [];
  if (target.latencyMs != null) parts.push(`p${target.latencyPercentile} ≤ ${target.latencyMs} ms`);
  if (target.errorRate != null) parts.push(`errors ≤ ${percent(target.errorRate)}`);
  return parts.join(' · ');
}

/** @param {any} target */
function scopeText(target) {
  return `${target.client ?? 'Every client'} · ${target.operation ?? 'every operation'}`;
}

/** In breach, met, or nothing to judge. @param {any} status */
function statusBadge(status) {
  if (status.breached) return h('span', { class: 'badge badge-breaking' }, 'in breach');
  if (status.requests === 0) return h('span', { class: 'badge badge-unused' }, 'no requests');
  return h('span', { class: 'badge badge-safe' }, 'met');
}

/**
 * SLAs: each service-level target of the variant judged over the window, hour by hour (day by day past 48 hours):
 * targets in breach first, each breach with its hours in breach, worst measured value and the periods missed.
 * @param {import('./main.js').ViewContext} context
 */
export async function renderSla(context) {
  const { usageSla: statuses } = await context.api.request(queries.sla, { graph: context.graph, variant: context.variant, since: context.since });
  if (statuses.length === 0)
    return h(
      'section',
      { class: 'card' },
      h('p', { class: 'empty' }, 'No SLA targets are set for this variant. Set one with ', h('code', {}, `switchyard sla set --graph ${context.graph} --variant ${context.variant} --p95-ms 500 --error-rate 0.01`), '.'),
    );
  const breached = statuses.filter((/** @type {any} */ status) => status.breached);
  return h(
    'div',
    { class: 'sla' },
    h(
      'section',
      { class: 'card' },
      h('h2', {}, `SLAs: ${breached.length} of ${statuses.length} target(s) in breach`),
      h('p', { class: 'meta' }, `Over the last ${context.since}, each hour with requests judged on its own (each day, for usage older than 48 hours). Latency percentiles come from the gateway's histogram buckets.`),
    ),
    ...statuses.map((/** @type {any} */ status) =>
      h(
        'section',
        { class: `card sla-target ${status.breached ? 'sla-breached' : 'sla-met'}`, 'data-client': status.target.client ?? '', 'data-operation': status.target.operation ?? '' },
        h(
          'div',
          { class: 'detail-head' },
          h('h3', {}, scopeText(status.target)),
          statusBadge(status),
        ),
        h('p', { class: 'meta' }, `${boundsText(status.target)} · ${formatCount(status.requests)} requests over ${status.hoursJudged} h judged · set by ${status.target.updatedBy}`),
        status.requests === 0 ? h('p', { class: 'empty' }, `No requests this target covers in the last ${context.since}: nothing to judge.`) : null,
        ...status.breaches.map((/** @type {any} */ breach) => {
          const latency = breach.metric === 'LATENCY';
          const show = (/** @type {number} */ value) => (latency ? `${value} ms` : percent(value));
          return h(
            'div',
            { class: 'sla-breach', 'data-metric': breach.metric },
            h('p', {}, h('strong', {}, latency ? `p${status.target.latencyPercentile} latency` : 'Error rate'), ` over ${show(breach.threshold)} for `, h('strong', { class: 'hours-in-breach' }, `${breach.hoursInBreach} h`), ', worst ', h('strong', { class: 'worst' }, show(breach.worst)), '.'),
            h(
              'details',
              {},
              h('summary', {}, `Periods in breach (${breach.periods.length})`),
              h(
                'table',
                { class: 'table stack' },
                h('thead', {}, h('tr', {}, h('th', {}, 'From'), h('th', { class: 'num' }, 'Hours'), h('th', { class: 'num' }, 'Requests'), h('th', { class: 'num' }, 'Measured'))),
                h(
                  'tbody',
                  {},
                  ...breach.periods.map((/** @type {any} */ period) =>
                    h(
                      'tr',
                      {},
                      h('td', { 'data-label': 'From' }, formatTime(period.start)),
                      h('td', { 'data-label': 'Hours', class: 'num' }, String(period.hours)),
                      h('td', { 'data-label': 'Requests', class: 'num' }, formatCount(period.requests)),
                      h('td', { 'data-label': 'Measured', class: 'num' }, show(period.measured)),
                    ),
                  ),
                ),
              ),
            ),
          );
        }),
      ),
    ),
  );
}
