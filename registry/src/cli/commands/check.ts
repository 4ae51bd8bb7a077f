import { type CommandGroup, ExitCode } from '../Command';
import { renderMarkdownTable, renderTable } from '../format/renderTable';
import { OutputFormat } from '../OutputFormat';
import { assertCliName, integerOption, stringOption } from '../parseCommandArgs';

/** `switchyard check list`: the schema checks a variant has run, and who each breaking change affected. */
export const checkCommands: CommandGroup = {
  summary: 'List the schema checks run against a variant, with their result and the clients their changes affect',
  defaultCommand: 'list',
  commands: {
    list: {
      summary: 'List checks, newest first: result, breaking changes, and the client versions using what they break',
      usage: '[--subgraph <name>] [--limit 20]',
      options: { subgraph: { type: 'string' }, limit: { type: 'string' } },
      async run({ values, common, io, api, variant }) {
        const subgraph = stringOption(values, 'subgraph');
        const limit = integerOption(values, 'limit');
        const checks = await api().checks({
          ...variant(),
          ...(subgraph === undefined ? {} : { subgraph: assertCliName('subgraph', subgraph) }),
          ...(limit === undefined ? {} : { limit }),
        });
        if (common.format === OutputFormat.JSON) {
          io.stdout(JSON.stringify(checks, null, 2));
          return ExitCode.OK;
        }
        if (checks.length === 0) {
          io.stdout('No checks have run against this variant.');
          return ExitCode.OK;
        }
        const headers = ['Time', 'Subgraph', 'Result', 'Breaking', 'Blocking', 'Affected clients', 'Message'];
        const rows = checks.map((check) => {
          const breaking = check.changes.filter((change) => change.criticality === 'BREAKING');
          const affected = new Set(
            breaking.flatMap(
              (change) => change.usage?.clients.map((client) => `${client.name}@${client.version}`) ?? [],
            ),
          );
          return [
            check.createdAt,
            check.subgraph,
            check.ok ? 'passed' : 'failed',
            String(breaking.length),
            String(check.changes.filter((change) => change.blocking).length),
            [...affected].sort().join(', ') || '-',
            check.message,
          ];
        });
        io.stdout(
          common.format === OutputFormat.MARKDOWN ? renderMarkdownTable(headers, rows) : renderTable(headers, rows),
        );
        return ExitCode.OK;
      },
    },
  },
};
