/**
 * Icons as inline SVG paths (24 × 24, stroked with the text colour): they need no emoji font, so they never show
 * as empty boxes. `iconMarkup` is for the Markdown renderer's HTML; `icon` builds the element.
 */
const paths = {
  warning: 'M12 3 2 21h20L12 3zm0 6v6m0 3v.5',
  bolt: 'M13 2 4 14h7l-1 8 9-12h-7l1-8z',
  check: 'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zm-5-10 3.5 3.5L17 9',
  move: 'M16 3h5v5M4 20 21 3M21 16v5h-5M15 15l6 6M4 4l5 5',
};

/** Emoji the registry's changelogs start headings with, and the icon each becomes. */
export const emojiIcons = /** @type {Record<string, keyof typeof paths>} */ ({
  '⚠️': 'warning',
  '⚠': 'warning',
  '⚡': 'bolt',
  '✅': 'check',
  '🔀': 'move',
});

/** @param {keyof typeof paths} name @param {string} label */
export function iconMarkup(name, label) {
  return `<svg class="icon icon-${name}" viewBox="0 0 24 24" width="16" height="16" role="img" aria-label="${label}" focusable="false"><path d="${paths[name]}" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
}

/**
 * Replaces a leading emoji of a heading's (already escaped) HTML by its inline SVG icon.
 * @param {string} html
 */
export function iconizeHeading(html) {
  for (const [emoji, name] of Object.entries(emojiIcons)) {
    if (html.startsWith(emoji)) return `${iconMarkup(name, name)} ${html.slice(emoji.length).trimStart()}`;
  }
  return html;
}
