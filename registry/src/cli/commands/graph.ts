import { type CommandGroup, ExitCode } from '../Command';
import { renderMarkdownTable, renderTable } from '../format/renderTable';
import { OutputFormat } from '../OutputFormat';
import { assertCliName, stringOption } from '../parseCommandArgs';

/** `switchyard graph list|create|delete` (create and delete need an admin token). */
export const graphCommands: CommandGroup = {
  summary: 'List, create and delete graphs and their variants',
  commands: {
    list: {
      summary: 'List the graphs this token can read, with their variants',
      usage: '',
      options: {},
      async run({ common, io, api }) {
        const graphs = await api().graphs();
        if (common.format === OutputFormat.JSON) {
          io.stdout(JSON.stringify(graphs, null, 2));
          return ExitCode.OK;
        }
        if (graphs.length === 0) {
          io.stdout('No graphs yet; create one with `switchyard graph create --graph <name>`.');
          return ExitCode.OK;
        }
        const headers = ['Graph', 'Variants'];
        const rows = graphs.map((graph) => [graph.name, graph.variants.join(', ')]);
        io.stdout(
          common.format === OutputFormat.MARKDOWN ? renderMarkdownTable(headers, rows) : renderTable(headers, rows),
        );
        return ExitCode.OK;
      },
    },
    create: {
      summary: 'Create a graph with a variant (default prod), or a variant of an existing graph (admin)',
      usage: '--graph <graph> [--variant <variant>]',
      options: {},
      async run({ common, io, api, variant }) {
        const ref = variant();
        const graph = await api().createGraph(ref);
        io.stdout(
          common.format === OutputFormat.JSON
            ? JSON.stringify(graph, null, 2)
            : `Created ${ref.graph}@${ref.variant}; graph "${graph.name}" has variants ${graph.variants.join(', ')}.`,
        );
        return ExitCode.OK;
      },
    },
    delete: {
      summary:
        'Delete a graph with its versions, checks, usage, audit log and tokens; with --variant, only that variant (admin)',
      usage: '--graph <graph> [--variant <variant>]',
      options: {},
      async run({ values, common, io, api, variant }) {
        const ref = variant();
        // Only an explicit --variant narrows the deletion: SWITCHYARD_VARIANT or the default must never turn a
        // variant deletion into a graph deletion or the other way round.
        const onlyVariant = stringOption(values, 'variant');
        if (onlyVariant !== undefined) {
          const graph = await api().deleteVariant({ graph: ref.graph, variant: assertCliName('variant', onlyVariant) });
          io.stdout(
            common.format === OutputFormat.JSON
              ? JSON.stringify(graph, null, 2)
              : `Deleted variant ${ref.graph}@${onlyVariant} with its versions, checks and usage.`,
          );
          return ExitCode.OK;
        }
        const deleted = await api().deleteGraph(ref.graph);
        io.stdout(
          common.format === OutputFormat.JSON
            ? JSON.stringify(deleted, null, 2)
            : `Deleted graph "${ref.graph}" (variants: ${deleted.graph.variants.join(', ') || 'none'}) with its versions, checks, usage, audit log and ${deleted.deletedTokens} token(s).`,
        );
        return ExitCode.OK;
      },
    },
  },
};
