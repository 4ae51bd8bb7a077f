import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CliError, CliErrorCode } from '../CliError';
import { type CommandGroup, ExitCode } from '../Command';
import { renderChangesMarkdown, renderChangesText, summarizeChanges } from '../format/renderChanges';
import { renderMarkdownTable, renderTable } from '../format/renderTable';
import { OutputFormat } from '../OutputFormat';
import { integerOption, stringOption } from '../parseCommandArgs';

/** `switchyard supergraph fetch|history|diff|rollback`. */
export const supergraphCommands: CommandGroup = {
  summary: 'Fetch, list, compare and roll back supergraph versions',
  commands: {
    fetch: {
      summary: 'Print (or write to --output) a supergraph version, the latest by default',
      usage: '[--version <n>] [--api-schema] [--changelog] [--output <file>]',
      options: {
        version: { type: 'string' },
        output: { type: 'string' },
        'api-schema': { type: 'boolean' },
        changelog: { type: 'boolean' },
      },
      async run({ values, common, io, api, variant }) {
        const ref = variant();
        const version = integerOption(values, 'version');
        const found = await api().supergraphVersion({ ...ref, ...(version === undefined ? {} : { version }) });
        if (!found) {
          const which =
            version === undefined ? 'No supergraph has been published' : `Supergraph version ${version} does not exist`;
          throw new CliError(CliErrorCode.REGISTRY_ERROR, `${which} for ${ref.graph}@${ref.variant}.`, 'NOT_FOUND');
        }
        const text =
          common.format === OutputFormat.JSON
            ? JSON.stringify(found, null, 2)
            : values.changelog === true
              ? found.changelog
              : values['api-schema'] === true
                ? found.apiSchemaSdl
                : found.supergraphSdl;
        const output = stringOption(values, 'output');
        if (output === undefined) {
          io.stdout(text);
          return ExitCode.OK;
        }
        const path = resolve(io.cwd, output);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, text.endsWith('\n') ? text : `${text}\n`, 'utf8');
        io.stderr(`Wrote supergraph version ${found.version} of ${ref.graph}@${ref.variant} to ${output}.`);
        return ExitCode.OK;
      },
    },
    history: {
      summary: 'List recent supergraph versions with their changes',
      usage: '[--limit <n>]',
      options: { limit: { type: 'string' } },
      async run({ values, common, io, api, variant }) {
        const limit = integerOption(values, 'limit');
        const versions = await api().supergraphVersions({ ...variant(), ...(limit === undefined ? {} : { limit }) });
        if (common.format === OutputFormat.JSON) {
          io.stdout(JSON.stringify(versions, null, 2));
          return ExitCode.OK;
        }
        const headers = ['Version', 'Created', 'Hash', 'Changes', 'Published', 'Note'];
        const rows = versions.map((version) => [
          String(version.version),
          version.createdAt,
          version.hash.slice(0, 12),
          summarizeChanges(version.changes),
          describePublished(version.published, version.subgraphs.length),
          version.rolledBackFrom === null ? '' : `rollback to version ${version.rolledBackFrom}`,
        ]);
        if (rows.length === 0) io.stdout('No supergraph versions yet.');
        else
          io.stdout(
            common.format === OutputFormat.MARKDOWN ? renderMarkdownTable(headers, rows) : renderTable(headers, rows),
          );
        return ExitCode.OK;
      },
    },
    diff: {
      summary: 'List the API schema changes between two supergraph versions',
      usage: '--from <version> --to <version>',
      options: { from: { type: 'string' }, to: { type: 'string' } },
      async run({ values, common, io, api, variant }) {
        const from = integerOption(values, 'from');
        const to = integerOption(values, 'to');
        if (from === undefined || to === undefined)
          throw new CliError(CliErrorCode.USAGE, 'Give both --from <version> and --to <version>.');
        const changes = await api().diff({ ...variant(), from, to });
        if (common.format === OutputFormat.JSON) io.stdout(JSON.stringify(changes, null, 2));
        else if (changes.length === 0) io.stdout(`No API schema changes from version ${from} to ${to}.`);
        else if (common.format === OutputFormat.MARKDOWN) {
          io.stdout(
            `### Changes from version ${from} to ${to}: ${summarizeChanges(changes)}\n\n${renderChangesMarkdown(changes)}`,
          );
        } else {
          io.stdout(
            [
              `Changes from version ${from} to ${to} (${summarizeChanges(changes)}):`,
              ...renderChangesText(changes),
            ].join('\n'),
          );
        }
        return ExitCode.OK;
      },
    },
    rollback: {
      summary: 'Serve an earlier supergraph again, as a new version with its content',
      usage: '--to <version>',
      options: { to: { type: 'string' }, version: { type: 'string' } },
      async run({ values, common, io, api, variant }) {
        const toVersion = integerOption(values, 'to') ?? integerOption(values, 'version');
        if (toVersion === undefined) throw new CliError(CliErrorCode.USAGE, 'Missing --to <version> to roll back to.');
        const ref = variant();
        const created = await api().rollbackSupergraph({ ...ref, toVersion });
        if (common.format === OutputFormat.JSON) {
          io.stdout(JSON.stringify(created, null, 2));
          return ExitCode.OK;
        }
        io.stdout(
          [
            `✔ Rolled ${ref.graph}@${ref.variant} back to the content of version ${toVersion}, now served as version ${created.version}.`,
            ...(created.changes.length > 0
              ? [`Changes (${summarizeChanges(created.changes)}):`, ...renderChangesText(created.changes)]
              : []),
          ].join('\n'),
        );
        return ExitCode.OK;
      },
    },
  },
};

/** `catalog by alice (abc1234)`: who brought a version's subgraphs in; all of them for a first version. */
function describePublished(
  published: readonly { subgraph: string; author: string | null; commit: string | null }[],
  composed: number,
): string {
  if (published.length === 0) return '—';
  if (published.length === composed && composed > 1) return `all ${composed} subgraphs`;
  return published
    .map(({ subgraph, author, commit }) =>
      [subgraph, author ? `by ${author}` : '', commit ? `(${commit.slice(0, 12)})` : ''].filter(Boolean).join(' '),
    )
    .join(', ');
}
