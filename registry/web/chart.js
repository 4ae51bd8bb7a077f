import { h, svg } from './dom.js';
import { formatCount } from './format.js';

const height = 240;
const margin = { top: 16, right: 16, bottom: 36, left: 56 };
/** Axis text in px; the chart is drawn at the width it is shown, so user units are pixels and labels stay readable. */
const fontSize = 12;

/**
 * The width to draw a chart at: the page's width less the card's padding, between 300 and 880 px, so one unit
 * of the drawing is one CSS pixel and the axis text is `fontSize` px on a phone as on a desktop.
 */
function chartWidth() {
  const page = document.documentElement.clientWidth || 880;
  return Math.max(300, Math.min(880, page - 80));
}

/**
 * Draws requests per bucket as bars (errors as a darker part of each bar) with a y axis and a few time labels.
 * Each bar tells its time and counts on hover (tooltip) and on keyboard focus (Tab moves bar to bar, arrow keys
 * too) in the readout under the chart.
 * @param {{ time: string, requests: number, errors: number }[]} points oldest first
 * @param {{ label: string, empty?: string }} options the chart's accessible name, and what to say without points
 * @returns {HTMLElement} a `.chart-box` holding the `svg.chart` and its `.chart-readout`
 */
export function renderSeriesChart(points, options) {
  const width = chartWidth();
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    class: 'chart',
    role: 'group',
    'aria-label': options.label,
  });
  const readout = h('p', { class: 'chart-readout', 'aria-live': 'polite' }, 'Hover or focus a bar for its values.');
  const box = h('div', { class: 'chart-box' }, chart, readout);
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const step = niceStep(Math.max(1, ...points.map((point) => point.requests)) / 4);
  const max = step * 4;
  const y = (/** @type {number} */ value) => margin.top + plotHeight - (value / max) * plotHeight;
  const text = (/** @type {Record<string, string | number>} */ attributes, /** @type {string} */ content) =>
    svg('text', { ...attributes, 'font-size': fontSize }, content);

  for (let tick = 0; tick <= 4; tick++) {
    const value = step * tick;
    chart.append(
      svg('line', { x1: margin.left, x2: width - margin.right, y1: y(value), y2: y(value), class: 'chart-grid' }),
      text({ x: margin.left - 8, y: y(value) + 4, class: 'chart-axis', 'text-anchor': 'end' }, formatCount(value)),
    );
  }
  if (points.length === 0 || points.every((point) => point.requests === 0)) {
    chart.append(
      text(
        { x: margin.left + plotWidth / 2, y: height / 2, class: 'chart-empty', 'text-anchor': 'middle' },
        options.empty ?? 'No requests in this window',
      ),
    );
    readout.textContent = options.empty ?? 'No requests in this window.';
    if (points.length === 0) return box;
  }
  const slot = plotWidth / Math.max(1, points.length);
  const barWidth = Math.max(1, slot * 0.7);
  const hourly = points.length > 1 && new Date(points[1]?.time ?? 0).getTime() - new Date(points[0]?.time ?? 0).getTime() < 86_400_000;
  // A label needs about 64 px (`04 Dec, 13:00` is two lines' worth at 12 px, so hourly labels show the hour only).
  const labelEvery = Math.max(1, Math.ceil(points.length / Math.max(1, Math.floor(plotWidth / 64))));
  /** @type {SVGElement[]} */
  const bars = [];
  points.forEach((point, index) => {
    const x = margin.left + index * slot + (slot - barWidth) / 2;
    const date = new Date(point.time);
    const when = hourly
      ? date.toLocaleString('en-GB', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
      : date.toLocaleDateString('en-GB', { month: 'short', day: 'numeric' });
    const value = `${when}: ${formatCount(point.requests)} requests, ${formatCount(point.errors)} errors`;
    const bar = svg(
      'g',
      { class: 'chart-bar', tabindex: index === points.length - 1 ? 0 : -1, role: 'img', 'aria-label': value, 'data-value': value },
      svg('title', {}, value),
      // The hit area is the whole slot, so thin or empty bars can still be pointed at.
      svg('rect', { x: margin.left + index * slot, y: margin.top, width: slot, height: plotHeight, class: 'chart-hit' }),
      svg('rect', { x, y: y(point.requests), width: barWidth, height: Math.max(0, y(0) - y(point.requests)), class: 'chart-requests' }),
    );
    if (point.errors > 0) {
      bar.append(svg('rect', { x, y: y(point.errors), width: barWidth, height: Math.max(0, y(0) - y(point.errors)), class: 'chart-errors' }));
    }
    const show = () => {
      readout.textContent = value;
      for (const other of bars) other.classList.toggle('chart-bar-active', other === bar);
    };
    bar.addEventListener('mouseenter', show);
    bar.addEventListener('focus', show);
    bar.addEventListener('keydown', (/** @type {Event} */ event) => {
      const key = /** @type {KeyboardEvent} */ (event).key;
      const next = key === 'ArrowRight' ? bars[index + 1] : key === 'ArrowLeft' ? bars[index - 1] : undefined;
      if (!next) return;
      event.preventDefault();
      bar.setAttribute('tabindex', '-1');
      next.setAttribute('tabindex', '0');
      /** @type {SVGGElement} */ (next).focus();
    });
    bars.push(bar);
    chart.append(bar);
    if (index % labelEvery === 0) {
      const label = hourly ? date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' }) : when;
      chart.append(text({ x: x + barWidth / 2, y: height - margin.bottom + 18, class: 'chart-axis', 'text-anchor': 'middle' }, label));
    }
  });
  chart.append(svg('line', { x1: margin.left, x2: width - margin.right, y1: y(0), y2: y(0), class: 'chart-baseline' }));
  return box;
}

/** Rounds a tick step up to a whole 1, 2 or 5 times a power of ten, so axis labels are round counts. @param {number} value */
function niceStep(value) {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const multiple = [1, 2, 5, 10].find((candidate) => candidate * power >= value) ?? 10;
  return multiple * power;
}
