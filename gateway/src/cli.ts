import { type ParseArgsConfig, parseArgs } from 'node:util';

/** Every CLI flag, the environment variable it sets, and what it means. */
export const CliFlags = {
  supergraph: { env: 'SUPERGRAPH', help: 'Supergraph SDL file, watched and hot-reloaded' },
  registry: { env: 'REGISTRY_URL', help: 'Registry URL to poll for the supergraph (instead of --supergraph)' },
  graph: { env: 'GRAPH', help: 'Graph name in the registry (with --registry)' },
  variant: { env: 'VARIANT', help: 'Graph variant in the registry (default prod)' },
  token: { env: 'REGISTRY_TOKEN', help: 'Registry token' },
  port: { env: 'PORT', help: 'HTTP port (default 4000)' },
  host: { env: 'HOST', help: 'HTTP host (default 0.0.0.0)' },
  'log-level': { env: 'LOG_LEVEL', help: 'fatal, error, warn, info, debug, trace or silent (default info)' },
} as const;
export type CliFlag = keyof typeof CliFlags;

export type CliResult =
  | { kind: 'run'; env: Record<string, string> }
  | { kind: 'help'; text: string }
  | { kind: 'error'; message: string };

/** `--help` text: the flags, and that every other setting is an environment variable. */
export function helpText(): string {
  const width = Math.max(...Object.keys(CliFlags).map((flag) => flag.length)) + 2;
  const lines = Object.entries(CliFlags).map(
    ([flag, { env, help }]) => `  --${flag.padEnd(width)}${env.padEnd(16)}${help}`,
  );
  return [
    'Usage: switchyard-gateway --supergraph <file> [--port 4000]',
    '       switchyard-gateway --registry <url> --graph <name> [--variant prod] [--token <token>]',
    '',
    'Flags (each sets the environment variable beside it; a flag wins over the variable):',
    ...lines,
    '  --help',
    '',
    'Every other setting is an environment variable (see gateway/src/config.ts), e.g. MAX_QUERY_COST, API_KEYS,',
    'JWT_SECRET, SUBGRAPH_SIGNING_KEY, SUBGRAPH_TIMEOUT_MS, OTEL_EXPORTER_OTLP_ENDPOINT.',
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
    for (const [flag, { env: name }] of Object.entries(CliFlags)) {
      const value = values[flag];
      if (typeof value === 'string') env[name] = value;
    }
    return { kind: 'run', env };
  } catch (error) {
    return { kind: 'error', message: `${error instanceof Error ? error.message : String(error)}\n\n${helpText()}` };
  }
}
