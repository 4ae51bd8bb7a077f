import { OutputFormat } from '../OutputFormat';
import { renderCsv } from './renderCsv';
import { renderMarkdownTable, renderTable } from './renderTable';

/** A tabular report: its columns, its rows as text, and the raw API result for `--format json`. */
export interface ReportView {
  headers: string[];
  rows: string[][];
  raw: unknown;
  /** Printed instead of an empty table in text format. */
  empty: string;
  /** Printed under the table in text and Markdown (what the numbers mean, e.g. the latency resolution). */
  note?: string;
}

/** Renders a report as an aligned table (text), JSON, CSV or a Markdown table. */
export function renderReport(view: ReportView, format: OutputFormat): string {
  switch (format) {
    case OutputFormat.JSON:
      return JSON.stringify(view.raw, null, 2);
    case OutputFormat.CSV:
      return renderCsv(view.headers, view.rows);
    case OutputFormat.MARKDOWN:
      return withNote(renderMarkdownTable(view.headers, view.rows), view.note);
    case OutputFormat.TEXT:
      return view.rows.length === 0 ? view.empty : withNote(renderTable(view.headers, view.rows), view.note);
  }
}

function withNote(table: string, note: string | undefined): string {
  return note ? `${table}\n\n${note}` : table;
}
