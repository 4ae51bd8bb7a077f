/**
 * Builds DOM elements without parsing HTML: text always goes in as text, so names, messages and SDL from the
 * registry can never become markup.
 * @param {string} tag
 * @param {Record<string, string | number | boolean | EventListener | undefined>} [attributes] `on*` keys add listeners.
 * @param {...(Node | string | number | null | undefined | false | (Node | string)[])} children
 * @returns {HTMLElement}
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
    else if (key === 'class') element.className = String(value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

const svgNamespace = 'http://www.w3.org/2000/svg';

/**
 * Builds an SVG element (charts are drawn by hand, no library).
 * @param {string} tag
 * @param {Record<string, string | number>} [attributes]
 * @param {...(Node | string | null | undefined)} children
 * @returns {SVGElement}
 */
export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(svgNamespace, tag);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  append(element, children);
  return element;
}

/** @param {Element} parent @param {unknown[]} children */
function append(parent, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything inside `parent` with `children`. @param {Element} parent @param {...(Node | string)} children */
export function replace(parent, ...children) {
  parent.replaceChildren(...children);
}

/**
 * Marks a table to become stacked rows on narrow screens (`.table.stack`, see app.css): each body cell gets its
 * column's heading as `data-label`, shown beside the value when the heading row is hidden. Returns the table.
 * @param {HTMLElement} table
 */
export function stack(table) {
  table.classList.add('stack');
  const headings = [...table.querySelectorAll(':scope > thead > tr > th')].map((th) => th.textContent ?? '');
  for (const row of table.querySelectorAll(':scope > tbody > tr')) {
    [...row.children].forEach((cell, index) => {
      if (!cell.hasAttribute('data-label') && !cell.hasAttribute('colspan')) cell.setAttribute('data-label', headings[index] ?? '');
    });
  }
  return table;
}
