/**
 * How a command prints its result: `text` (or its alias `table`) for people, `json` for scripts, `markdown` for PR
 * comments, `csv` for spreadsheets (usage reports only).
 */
export const OutputFormat = { TEXT: 'text', JSON: 'json', MARKDOWN: 'markdown', CSV: 'csv' } as const;
export type OutputFormat = (typeof OutputFormat)[keyof typeof OutputFormat];

/** The formats every command prints; commands that print tables may add `csv` (`Command.formats`). */
export const DEFAULT_FORMATS: readonly OutputFormat[] = [OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.MARKDOWN];

export function isOutputFormat(value: string): value is OutputFormat {
  return Object.values<string>(OutputFormat).includes(value);
}

/** Reads a `--format` value, `table` being another name for `text`; undefined when it is no format. */
export function parseOutputFormat(value: string): OutputFormat | undefined {
  const format = value === 'table' ? OutputFormat.TEXT : value;
  return isOutputFormat(format) ? format : undefined;
}
