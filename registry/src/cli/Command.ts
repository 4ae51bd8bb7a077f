import type { OutputFormat } from './OutputFormat';
import type { CommonOptions, OptionsConfig, OptionValues } from './parseCommandArgs';
import type { RegistryApi, VariantRef } from './registryApi';

/** The CLI's exit codes. */
export const ExitCode = {
  OK: 0,
  /** A check found blocking changes, or validation or composition failed. */
  CHECK_FAILED: 1,
  /** Bad arguments, or the registry could not be reached or refused the request. */
  ERROR: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** What the CLI reads and writes, passed in so tests can run it in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  /** Directory relative paths (`--schema`, `--output`) are resolved against. */
  cwd: string;
  fetch?: typeof globalThis.fetch;
}

/** What a command gets to run with. */
export interface CommandContext {
  values: OptionValues;
  common: CommonOptions;
  io: CliIo;
  /** The registry API client for `--registry` and `--token`. */
  api(): RegistryApi;
  /** `--graph` (required) and `--variant`. */
  variant(): VariantRef;
}

/** One `switchyard <group> <command>`. */
export interface Command {
  summary: string;
  /** The flags, as printed in help, e.g. `--name <subgraph> --schema <file>`. */
  usage: string;
  options: OptionsConfig;
  /** The `--format`s it prints. Default `DEFAULT_FORMATS` (text, json, markdown). */
  formats?: readonly OutputFormat[];
  run(context: CommandContext): Promise<ExitCode>;
}

/** A group of commands, e.g. `subgraph`. */
export interface CommandGroup {
  summary: string;
  commands: Record<string, Command>;
  /** The command `switchyard <group> [flags]` runs without a subcommand (`switchyard audit --graph g`). */
  defaultCommand?: string;
}
