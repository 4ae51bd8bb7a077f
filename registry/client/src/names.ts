/**
 * The one naming rule of graphs, variants and subgraphs, shared by the HTTP routes, the GraphQL API, the CLI and
 * usage ingestion: lower-case letters, digits, `-` and `_`, starting with a letter or digit, at most 64 characters.
 */
export const NAME_MAX_LENGTH = 64;

const namePattern = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** The rule as users read it in errors. */
export const NAME_RULE = `lower-case letters, digits, "-" and "_", starting with a letter or digit, at most ${NAME_MAX_LENGTH} characters`;

/** What a name names. */
export type NameKind = 'graph' | 'variant' | 'subgraph';

/** Whether `value` follows the naming rule. */
export function isValidName(value: string): boolean {
  return namePattern.test(value);
}

/** Why `value` is not a valid `kind` name, or `undefined` when it is; quotes at most 80 characters of it. */
export function describeInvalidName(kind: NameKind, value: string): string | undefined {
  if (isValidName(value)) return undefined;
  const shown = JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  return `The ${kind} name ${shown} is not valid: use ${NAME_RULE}.`;
}
