import { type ParseArgsConfig, parseArgs } from 'node:util';
import { describeInvalidName, type NameKind } from '../input/names';
import { CliError, CliErrorCode } from './CliError';
import { OutputFormat, parseOutputFormat } from './OutputFormat';

/** A command's own flags, in `node:util` `parseArgs` form. */
export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** Flags every command accepts; each falls back to an environment variable. */
export const COMMON_OPTIONS = {
  registry: { type: 'string' },
  graph: { type: 'string' },
  variant: { type: 'string' },
  token: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionsConfig;

/** The common settings after flags and environment are merged. */
export interface CommonOptions {
  /** `--registry` or `SWITCHYARD_REGISTRY`. Default `http://localhost:4100`. */
  registry: string;
  /** `--graph` or `SWITCHYARD_GRAPH`. */
  graph?: string;
  /** `--variant` or `SWITCHYARD_VARIANT`. Default `prod`. */
  variant: string;
  /** `--token` or `SWITCHYARD_TOKEN`. */
  token?: string;
  /** `--format`: `text` (default; `table` is the same), `json`, `markdown` or `csv` (commands printing tables). */
  format: OutputFormat;
  help: boolean;
}

/** Parsed flag values of one command: strings, booleans, or string arrays for `multiple` flags. */
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/**
 * Parses a command's arguments strictly (unknown flags and stray positionals are usage errors) into its own
 * `values` and the common options, reading `SWITCHYARD_*` variables from `env` for flags not given.
 */
export function parseCommandArgs(
  args: string[],
  options: OptionsConfig,
  env: Record<string, string | undefined>,
): { values: OptionValues; common: CommonOptions } {
  let values: OptionValues;
  try {
    values = parseArgs({
      args,
      options: { ...options, ...COMMON_OPTIONS },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new CliError(CliErrorCode.USAGE, error instanceof Error ? error.message : String(error));
  }
  const rawFormat = stringOption(values, 'format') ?? OutputFormat.TEXT;
  const format = parseOutputFormat(rawFormat);
  if (format === undefined) {
    throw new CliError(
      CliErrorCode.USAGE,
      `--format must be text (or table), json, markdown or csv, got "${rawFormat}".`,
    );
  }
  const nonEmpty = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);
  const common: CommonOptions = {
    registry:
      nonEmpty(stringOption(values, 'registry')) ?? nonEmpty(env.SWITCHYARD_REGISTRY) ?? 'http://localhost:4100',
    graph: nonEmpty(stringOption(values, 'graph')) ?? nonEmpty(env.SWITCHYARD_GRAPH),
    variant: nonEmpty(stringOption(values, 'variant')) ?? nonEmpty(env.SWITCHYARD_VARIANT) ?? 'prod',
    token: nonEmpty(stringOption(values, 'token')) ?? nonEmpty(env.SWITCHYARD_TOKEN),
    format,
    help: values.help === true,
  };
  return { values, common };
}

/** A string flag's value, if given. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A string flag's values, for flags declared with `multiple: true`. */
export function stringListOption(values: OptionValues, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** A required string flag's value; a usage error naming the flag when it is missing. */
export function requireOption(values: OptionValues, name: string, what: string): string {
  const value = stringOption(values, name);
  if (value === undefined || value === '') throw new CliError(CliErrorCode.USAGE, `Missing --${name} <${what}>.`);
  return value;
}

/** A required flag naming a graph, variant or subgraph: refused with the naming rule before anything is sent. */
export function requireName(values: OptionValues, name: string, kind: NameKind): string {
  return assertCliName(kind, requireOption(values, name, kind));
}

/** Returns `value` when it follows the naming rule; otherwise throws a usage error that states the rule. */
export function assertCliName(kind: NameKind, value: string): string {
  const problem = describeInvalidName(kind, value);
  if (problem) throw new CliError(CliErrorCode.USAGE, problem);
  return value;
}

/** A flag that must be a positive integer (a version number). */
export function integerOption(values: OptionValues, name: string): number | undefined {
  const value = stringOption(values, name);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) {
    throw new CliError(CliErrorCode.USAGE, `--${name} must be a whole number, got "${value}".`);
  }
  return number;
}
