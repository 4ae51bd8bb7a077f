const numberFormat = new Intl.NumberFormat('en-US');

/** `12345` → `12,345`. @param {number} value */
export function formatCount(value) {
  return numberFormat.format(value);
}

/**
 * An ISO time as a short absolute date and time in the viewer's zone, or `never` when absent.
 * @param {string | null | undefined} iso
 */
export function formatTime(iso) {
  if (!iso) return 'never';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-GB', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** An ISO time as a date only (forecasts). @param {string | null | undefined} iso */
export function formatDate(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString('en-GB', { year: 'numeric', month: 'short', day: 'numeric' });
}

/**
 * How long ago an ISO time was, e.g. `3 h ago`. Usage is counted per hour and its times are the start of the
 * hour, so anything under an hour old reads `this hour` rather than a precise but wrong number of minutes.
 * @param {string | null | undefined} iso @param {number} [now]
 */
export function formatAgo(iso, now = Date.now()) {
  if (!iso) return 'never';
  const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (seconds < 3600) return 'this hour';
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} d ago`;
}

/** Arrow and wording for a usage trend. @param {{ direction: string, changePercent?: number | null } | null | undefined} trend */
export function describeTrend(trend) {
  const direction = (trend?.direction ?? 'FLAT').toUpperCase();
  const percent = trend?.changePercent == null ? '' : ` ${trend.changePercent > 0 ? '+' : ''}${Math.round(trend.changePercent)}%`;
  if (direction === 'UP') return { arrow: '↑', label: `rising${percent}`, className: 'trend-up' };
  if (direction === 'DOWN') return { arrow: '↓', label: `falling${percent}`, className: 'trend-down' };
  if (direction === 'NEW') return { arrow: '★', label: 'new in this window', className: 'trend-new' };
  if (direction === 'GONE') return { arrow: '∅', label: 'no longer used', className: 'trend-down' };
  if (direction === 'NONE') return { arrow: '·', label: 'not used in either window', className: 'trend-none' };
  return { arrow: '→', label: `steady${percent}`, className: 'trend-flat' };
}

/** An ISO time to the second, in UTC, for first and last seen that are exact: `2026-03-09 10:00:00 UTC`. @param {string | null | undefined} iso */
export function formatExactTime(iso) {
  if (!iso) return 'never';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
