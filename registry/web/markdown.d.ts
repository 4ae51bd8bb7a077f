/** Renders changelog Markdown to HTML; all text is escaped, no raw HTML, links or images. */
export function renderMarkdown(markdown: string): string;
/** Escapes `& < > " '` for HTML text and attributes. */
export function escapeHtml(text: string): string;
/** Renders one line of inline Markdown (code, bold, italic) to HTML; all text is escaped. */
export function renderInline(text: string): string;
