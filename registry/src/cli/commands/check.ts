import { type CommandGroup, ExitCode } from '../Command';
import { renderMarkdownTable, renderTable } from '../format/renderTable';
import { OutputFormat } from '../OutputFormat';
import { assertCliName, integerOption, stringOption } from '../parseCommandArgs';

/** Operations a check found costlier, `2 (1 over the limit)`; `-` for none. */
function costlier(changes: readonly { criticality: string }[]): string {
  if (changes.length === 0) return '-';
  const over = changes.filter((change) => change.criticality === 'BREAKING').length;
  return over > 0 ? `${changes.length} (${over} over the limit)` : String(changes.length);
}

/** `switchyard check list`: the schema checks a variant has run, and who each breaking change affected. */
export const checkCommands: CommandGroup = {
  summary: 'List the schema checks run against a variant, with their result and the clients their changes affect',
  defaultCommand: 'list',
  commands: {
    list: {
      summary:
        'List checks, newest first: result, breaking changes, operations made costlier, and the client versions using what they break',
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
        const headers = [
          'Time',
          'Subgraph',
          'Result',
          'Breaking',
          'Blocking',
          'Costlier',
          'Affected clients',
          'Message',
        ];
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
            costlier(check.costChanges),
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
