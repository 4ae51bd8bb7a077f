import { type CommandGroup, ExitCode } from '../Command';
import { renderMarkdownTable, renderTable } from '../format/renderTable';
import { OutputFormat } from '../OutputFormat';
import { assertCliName, integerOption, stringOption } from '../parseCommandArgs';

/** `switchyard audit [--graph <g>] [--since 7d]`: who changed what (ADMIN, or a READ token of the graph). */
export const auditCommands: CommandGroup = {
  summary: 'Show the audit log: who published, rolled back, deleted, created or revoked what, and how it ended',
  defaultCommand: 'list',
  commands: {
    list: {
      summary: "List a graph's audit entries, newest first (every graph's with an ADMIN token and no --graph)",
      usage: '[--graph <graph>] [--since 7d] [--limit 100]',
      options: { since: { type: 'string' }, limit: { type: 'string' } },
      async run({ values, common, io, api }) {
        const graph = common.graph === undefined ? undefined : assertCliName('graph', common.graph);
        const limit = integerOption(values, 'limit');
        const entries = await api().auditLog({
          ...(graph === undefined ? {} : { graph }),
          ...(stringOption(values, 'since') === undefined ? {} : { since: stringOption(values, 'since') }),
          ...(limit === undefined ? {} : { limit }),
        });
        if (common.format === OutputFormat.JSON) {
          const parsed = entries.map((entry) => ({ ...entry, details: JSON.parse(entry.details) as unknown }));
          io.stdout(JSON.stringify(parsed, null, 2));
          return ExitCode.OK;
        }
        if (entries.length === 0) {
          io.stdout('No audit entries in that window.');
          return ExitCode.OK;
        }
        const headers = ['Time', 'Token', 'Action', 'Outcome', 'Graph', 'Message'];
        const rows = entries.map((entry) => [
          entry.createdAt,
          `${entry.tokenName}${entry.tokenId ? ` (${entry.tokenId.slice(0, 8)})` : ''}`,
          entry.action,
          entry.code ? `${entry.outcome} ${entry.code}` : entry.outcome,
          [entry.graph ?? '*', entry.variant].filter(Boolean).join('@') + (entry.subgraph ? ` ${entry.subgraph}` : ''),
          entry.message,
        ]);
        io.stdout(
          common.format === OutputFormat.MARKDOWN ? renderMarkdownTable(headers, rows) : renderTable(headers, rows),
        );
        return ExitCode.OK;
      },
    },
  },
};
