/** Renders changelog Markdown to HTML; all text is escaped, no raw HTML, links or images. */
export function renderMarkdown(markdown: string): string;
/** Escapes `& < > " '` for HTML text and attributes. */
export function escapeHtml(text: string): string;
