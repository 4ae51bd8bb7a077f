import { svg } from './dom.js';
import { formatCount } from './format.js';

const width = 880;
const height = 260;
const margin = { top: 16, right: 48, bottom: 36, left: 56 };

/**
 * Draws requests per bucket as bars (errors as a darker part of each bar) with a y axis and a few time labels.
 * Each bar has a tooltip with its time and counts.
 * @param {{ time: string, requests: number, errors: number }[]} points oldest first
 * @param {{ label: string }} options the chart's accessible name
 * @returns {SVGElement}
 */
export function renderSeriesChart(points, options) {
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    class: 'chart',
    role: 'img',
    'aria-label': options.label,
  });
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const step = niceStep(Math.max(1, ...points.map((point) => point.requests)) / 4);
  const max = step * 4;
  const y = (/** @type {number} */ value) => margin.top + plotHeight - (value / max) * plotHeight;

  for (let tick = 0; tick <= 4; tick++) {
    const value = step * tick;
    chart.append(
      svg('line', { x1: margin.left, x2: width - margin.right, y1: y(value), y2: y(value), class: 'chart-grid' }),
      svg('text', { x: margin.left - 8, y: y(value) + 4, class: 'chart-axis', 'text-anchor': 'end' }, formatCount(value)),
    );
  }
  if (points.length === 0) {
    chart.append(svg('text', { x: width / 2, y: height / 2, class: 'chart-empty', 'text-anchor': 'middle' }, 'No requests in this window'));
    return chart;
  }
  const slot = plotWidth / points.length;
  const barWidth = Math.max(1, slot * 0.7);
  const hourly = points.length > 1 && new Date(points[1]?.time ?? 0).getTime() - new Date(points[0]?.time ?? 0).getTime() < 86_400_000;
  const labelEvery = Math.ceil(points.length / 8);
  points.forEach((point, index) => {
    const x = margin.left + index * slot + (slot - barWidth) / 2;
    const date = new Date(point.time);
    const when = hourly
      ? date.toLocaleString('en-GB', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
      : date.toLocaleDateString('en-GB', { month: 'short', day: 'numeric' });
    const bar = svg(
      'g',
      { class: 'chart-bar' },
      svg('title', {}, `${when}: ${formatCount(point.requests)} requests, ${formatCount(point.errors)} errors`),
      svg('rect', { x, y: y(point.requests), width: barWidth, height: Math.max(0, y(0) - y(point.requests)), class: 'chart-requests' }),
    );
    if (point.errors > 0) {
      bar.append(svg('rect', { x, y: y(point.errors), width: barWidth, height: Math.max(0, y(0) - y(point.errors)), class: 'chart-errors' }));
    }
    chart.append(bar);
    if (index % labelEvery === 0) {
      chart.append(svg('text', { x: x + barWidth / 2, y: height - margin.bottom + 18, class: 'chart-axis', 'text-anchor': 'middle' }, when));
    }
  });
  chart.append(svg('line', { x1: margin.left, x2: width - margin.right, y1: y(0), y2: y(0), class: 'chart-baseline' }));
  return chart;
}

/** Rounds a tick step up to a whole 1, 2 or 5 times a power of ten, so axis labels are round counts. @param {number} value */
function niceStep(value) {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const multiple = [1, 2, 5, 10].find((candidate) => candidate * power >= value) ?? 10;
  return multiple * power;
}
