import { type ParseArgsConfig, parseArgs } from 'node:util';
import { Env } from './config';
import { describeSettings, settingsLines } from './settingsHelp';

/** Every CLI flag and the environment variable it sets; its help is the variable's, from the config schema. */
export const CliFlags = {
  supergraph: 'SUPERGRAPH',
  registry: 'REGISTRY_URL',
  graph: 'GRAPH',
  variant: 'VARIANT',
  token: 'REGISTRY_TOKEN',
  port: 'PORT',
  host: 'HOST',
  'log-level': 'LOG_LEVEL',
} as const satisfies Record<string, keyof typeof Env.shape>;
export type CliFlag = keyof typeof CliFlags;

export type CliResult =
  | { kind: 'run'; env: Record<string, string> }
  | { kind: 'help'; text: string }
  | { kind: 'error'; message: string };

/** `--help` text: the flags, then every setting with its default, generated from the config schema. */
export function helpText(): string {
  const settings = describeSettings(Env.shape);
  const byName = new Map(settings.map((setting) => [setting.name, setting]));
  const width = Math.max(...Object.keys(CliFlags).map((flag) => flag.length)) + 4;
  const flags = Object.entries(CliFlags).map(
    ([flag, env]) => `  --${flag.padEnd(width)}${env.padEnd(16)}${byName.get(env)?.help ?? ''}`,
  );
  return [
    'Usage: switchyard-gateway --supergraph <file> [--port 4000]',
    '       switchyard-gateway --registry <url> --graph <name> [--variant prod] [--token <token>]',
    '',
    'Flags (each sets the environment variable beside it; a flag wins over the variable):',
    ...flags,
    '  --help',
    '',
    'Settings (environment variables), with their defaults; the README says why each default is what it is:',
    ...settingsLines(settings),
  ].join('\n');
}

/** Parses the command line into environment variables for `loadConfig` (`--flag-name value` → `FLAG_NAME`). */
export function parseCli(argv: readonly string[]): CliResult {
  const options: NonNullable<ParseArgsConfig['options']> = { help: { type: 'boolean', short: 'h' } };
  for (const flag of Object.keys(CliFlags)) options[flag] = { type: 'string' };
  try {
    const { values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false });
    if (values.help) return { kind: 'help', text: helpText() };
    const env: Record<string, string> = {};
    for (const [flag, name] of Object.entries(CliFlags)) {
      const value = values[flag];
      if (typeof value === 'string') env[name] = value;
    }
    return { kind: 'run', env };
  } catch (error) {
    return { kind: 'error', message: `${error instanceof Error ? error.message : String(error)}\n\n${helpText()}` };
  }
}
