import { CliError, CliErrorCode } from './CliError';
import { type CliIo, type Command, type CommandGroup, ExitCode } from './Command';
import { auditCommands } from './commands/audit';
import { checkCommands } from './commands/check';
import { contractCommands } from './commands/contract';
import { documentsCommands } from './commands/documents';
import { graphCommands } from './commands/graph';
import { registryCommands } from './commands/registry';
import { slaCommands } from './commands/sla';
import { subgraphCommands } from './commands/subgraph';
import { supergraphCommands } from './commands/supergraph';
import { tokenCommands } from './commands/token';
import { usageCommands } from './commands/usage';
import { webhookCommands } from './commands/webhook';
import { DEFAULT_FORMATS } from './OutputFormat';
import { assertCliName, parseCommandArgs } from './parseCommandArgs';
import { createRegistryApi } from './registryApi';

const GROUPS: Record<string, CommandGroup> = {
  audit: auditCommands,
  check: checkCommands,
  contract: contractCommands,
  documents: documentsCommands,
  graph: graphCommands,
  registry: registryCommands,
  sla: slaCommands,
  subgraph: subgraphCommands,
  supergraph: supergraphCommands,
  token: tokenCommands,
  usage: usageCommands,
  webhook: webhookCommands,
};

const COMMON_HELP = `Common flags (each also read from an environment variable):
  --registry <url>   SWITCHYARD_REGISTRY   registry URL (default http://localhost:4100)
  --graph <name>     SWITCHYARD_GRAPH      graph name
  --variant <name>   SWITCHYARD_VARIANT    variant (default prod)
  --token <token>    SWITCHYARD_TOKEN      API token
  --format <format>                        text (default, or table), json, markdown (for PR comments), or csv (usage)

Exit codes: 0 ok, 1 check failed (breaking change in use, invalid schema or composition error), 2 usage or connection error.`;

/**
 * Runs `switchyard <group> <command> [flags]` and returns the exit code; output goes through `io`. Errors the user
 * can act on (bad flags, unreachable registry, refused token) are printed as one clear line, never as a stack.
 */
export async function runCli(argv: string[], io: CliIo): Promise<ExitCode> {
  const [groupName, ...rest] = argv;
  const defaultCommand = groupName === undefined ? undefined : GROUPS[groupName]?.defaultCommand;
  const runsDefault =
    defaultCommand !== undefined &&
    (rest[0] === undefined || (rest[0].startsWith('-') && rest[0] !== '-h' && rest[0] !== '--help'));
  const [commandName, ...args] = runsDefault ? [defaultCommand, ...rest] : rest;
  if (groupName === undefined || groupName === '--help' || groupName === '-h' || groupName === 'help') {
    (groupName === undefined ? io.stderr : io.stdout)(renderHelp());
    return groupName === undefined ? ExitCode.ERROR : ExitCode.OK;
  }
  const group = GROUPS[groupName];
  if (!group) return usageError(io, `Unknown command "${groupName}".`, renderHelp());
  if (commandName === undefined || commandName === '--help' || commandName === '-h') {
    (commandName === undefined ? io.stderr : io.stdout)(renderGroupHelp(groupName, group));
    return commandName === undefined ? ExitCode.ERROR : ExitCode.OK;
  }
  const command = group.commands[commandName];
  if (!command)
    return usageError(io, `Unknown command "${groupName} ${commandName}".`, renderGroupHelp(groupName, group));

  const usage = renderCommandHelp(groupName, commandName, command);
  const shortUsage = `${usage.split('\n')[0]}\nRun \`switchyard ${groupName} ${commandName} --help\` for details.`;
  try {
    const { values, common } = parseCommandArgs(args, command.options, io.env);
    if (common.help) {
      io.stdout(usage);
      return ExitCode.OK;
    }
    const formats = command.formats ?? DEFAULT_FORMATS;
    if (!formats.includes(common.format)) {
      throw new CliError(
        CliErrorCode.USAGE,
        `--format ${common.format} is not available here; use ${formats.join(', ')}.`,
      );
    }
    let api: ReturnType<typeof createRegistryApi> | undefined;
    return await command.run({
      values,
      common,
      io,
      api: () => {
        api ??= createRegistryApi({
          url: common.registry,
          ...(common.token === undefined ? {} : { token: common.token }),
          ...(io.fetch === undefined ? {} : { fetch: io.fetch }),
        });
        return api;
      },
      variant: () => {
        if (common.graph === undefined) {
          throw new CliError(CliErrorCode.USAGE, 'Missing --graph <name> (or SWITCHYARD_GRAPH).');
        }
        return { graph: assertCliName('graph', common.graph), variant: assertCliName('variant', common.variant) };
      },
    });
  } catch (error) {
    if (error instanceof CliError) {
      return error.code === CliErrorCode.USAGE ? usageError(io, error.message, shortUsage) : failure(io, error.message);
    }
    // Anything else (a config error from `registry serve`, a bug) is still reported as one line, not a stack.
    const message = error instanceof Error ? error.message : String(error);
    if (io.env.SWITCHYARD_DEBUG && error instanceof Error && error.stack) io.stderr(error.stack);
    return failure(io, message);
  }
}

function usageError(io: CliIo, message: string, help: string): ExitCode {
  io.stderr(`error: ${message}\n\n${help}`);
  return ExitCode.ERROR;
}

function failure(io: CliIo, message: string): ExitCode {
  io.stderr(`error: ${message}`);
  return ExitCode.ERROR;
}

function renderHelp(): string {
  const lines = ['Usage: switchyard <command> <subcommand> [flags]', ''];
  for (const [groupName, group] of Object.entries(GROUPS)) {
    lines.push(`  ${groupName.padEnd(11)} ${group.summary}`);
    for (const [commandName, command] of Object.entries(group.commands)) {
      lines.push(`    ${commandName.padEnd(9)} ${command.summary}`);
    }
  }
  lines.push('', COMMON_HELP);
  return lines.join('\n');
}

function renderGroupHelp(groupName: string, group: CommandGroup): string {
  const lines = [
    `Usage: switchyard ${groupName} <${Object.keys(group.commands).join('|')}> [flags]`,
    '',
    group.summary,
    '',
  ];
  for (const [commandName, command] of Object.entries(group.commands)) {
    lines.push(`  switchyard ${groupName} ${commandName} ${command.usage}`.trimEnd(), `      ${command.summary}`);
  }
  lines.push('', COMMON_HELP);
  return lines.join('\n');
}

function renderCommandHelp(groupName: string, commandName: string, command: Command): string {
  return [
    `Usage: switchyard ${groupName} ${commandName} ${command.usage}`.trimEnd(),
    '',
    command.summary,
    '',
    COMMON_HELP,
  ].join('\n');
}
