import { CliError, CliErrorCode } from '../CliError';
import { type CommandGroup, ExitCode } from '../Command';
import type { Contract } from '../contractOperations';
import { renderMarkdownTable, renderTable } from '../format/renderTable';
import { OutputFormat } from '../OutputFormat';
import { assertCliName, requireName, stringOption } from '../parseCommandArgs';

/** `--include a,b`: the tags, without blanks. */
function tagList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

function describeContract(contract: Contract): string {
  const filter = [
    contract.includeTags.length > 0 ? `include ${contract.includeTags.join(',')}` : '',
    contract.excludeTags.length > 0 ? `exclude ${contract.excludeTags.join(',')}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${contract.graph}@${contract.variant} (from ${contract.source}; ${filter})`;
}

/** `switchyard contract create|list|delete`: variants serving a tag-filtered source (admin token to change). */
export const contractCommands: CommandGroup = {
  summary: "Serve a variant's supergraph filtered by @tag to other consumers (contracts)",
  commands: {
    create: {
      summary: 'Create a contract variant that every publish to --source updates',
      usage: '--variant <contract> --source <variant> [--include <tag,…>] [--exclude <tag,…>]',
      options: { source: { type: 'string' }, include: { type: 'string' }, exclude: { type: 'string' } },
      async run({ values, common, io, api, variant }) {
        const ref = variant();
        if (stringOption(values, 'variant') === undefined) {
          throw new CliError(CliErrorCode.USAGE, 'Missing --variant <contract variant>.');
        }
        const include = tagList(stringOption(values, 'include'));
        const exclude = tagList(stringOption(values, 'exclude'));
        if (include.length === 0 && exclude.length === 0) {
          throw new CliError(CliErrorCode.USAGE, 'A contract needs --include or --exclude tags.');
        }
        const contract = await api().createContract({
          graph: ref.graph,
          variant: ref.variant,
          source: requireName(values, 'source', 'variant'),
          include,
          exclude,
        });
        io.stdout(
          common.format === OutputFormat.JSON
            ? JSON.stringify(contract, null, 2)
            : `Created contract ${describeContract(contract)}.`,
        );
        return ExitCode.OK;
      },
    },
    list: {
      summary: "List a graph's contracts",
      usage: '',
      options: {},
      async run({ common, io, api }) {
        if (common.graph === undefined) throw new CliError(CliErrorCode.USAGE, 'Missing --graph <name>.');
        const contracts = await api().contracts(assertCliName('graph', common.graph));
        if (common.format === OutputFormat.JSON) {
          io.stdout(JSON.stringify(contracts, null, 2));
          return ExitCode.OK;
        }
        if (contracts.length === 0) {
          io.stdout('No contracts.');
          return ExitCode.OK;
        }
        const headers = ['Variant', 'Source', 'Include', 'Exclude', 'Created'];
        const rows = contracts.map((contract) => [
          contract.variant,
          contract.source,
          contract.includeTags.join(',') || '-',
          contract.excludeTags.join(',') || '-',
          contract.createdAt,
        ]);
        io.stdout(
          common.format === OutputFormat.MARKDOWN ? renderMarkdownTable(headers, rows) : renderTable(headers, rows),
        );
        return ExitCode.OK;
      },
    },
    delete: {
      summary: 'Delete a contract; its variant keeps its last version and stops following the source',
      usage: '--variant <contract>',
      options: {},
      async run({ values, common, io, api, variant }) {
        if (stringOption(values, 'variant') === undefined) {
          throw new CliError(CliErrorCode.USAGE, 'Missing --variant <contract variant>.');
        }
        const contract = await api().deleteContract(variant());
        io.stdout(
          common.format === OutputFormat.JSON
            ? JSON.stringify(contract, null, 2)
            : `Deleted contract ${describeContract(contract)}.`,
        );
        return ExitCode.OK;
      },
    },
  },
};
