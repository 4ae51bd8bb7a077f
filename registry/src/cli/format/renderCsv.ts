/**
 * Renders rows as CSV (RFC 4180: comma-separated, CRLF-free `\n` lines, cells with commas, quotes or line breaks
 * quoted). Text cells a spreadsheet would run as a formula (`=`, `+`, `-`, `@` not followed by a number) get a
 * leading `'`, since client names and operation names come from outside.
 */
export function renderCsv(headers: string[], rows: string[][]): string {
  return [headers, ...rows].map((row) => row.map(csvCell).join(',')).join('\n');
}

function csvCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) && !/^[+-]?\d+(\.\d+)?%?$/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
