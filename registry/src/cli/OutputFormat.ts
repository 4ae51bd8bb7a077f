/** How a command prints its result: `text` for people, `json` for scripts, `markdown` for PR comments. */
export const OutputFormat = { TEXT: 'text', JSON: 'json', MARKDOWN: 'markdown' } as const;
export type OutputFormat = (typeof OutputFormat)[keyof typeof OutputFormat];

export function isOutputFormat(value: string): value is OutputFormat {
  return Object.values<string>(OutputFormat).includes(value);
}
