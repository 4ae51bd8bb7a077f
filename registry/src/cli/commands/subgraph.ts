import { type CommandGroup, ExitCode } from '../Command';
import { renderSchemaResult } from '../format/renderSchemaResult';
import { renderMarkdownTable, renderTable } from '../format/renderTable';
import { OutputFormat } from '../OutputFormat';
import { requireName, requireOption, stringListOption, stringOption } from '../parseCommandArgs';
import { readSchemaFile } from '../readSchemaFile';
import type { PublishResult } from '../registryApi';

const FAILED_STATUSES: ReadonlySet<PublishResult['status']> = new Set([
  'INVALID_SDL',
  'COMPOSITION_FAILED',
  'BLOCKED_BY_USAGE',
]);

/** `switchyard subgraph publish|check|list|delete`. */
export const subgraphCommands: CommandGroup = {
  summary: 'Publish, check, list and delete subgraph schemas',
  commands: {
    publish: {
      summary:
        'Publish a subgraph schema; the registry composes and versions the supergraph (--create makes a missing graph or variant, ADMIN token)',
      usage:
        '--name <subgraph> --schema <file> --url <routing url> [--author <name>] [--commit <sha>] [--owner <team>] [--create] [--force]',
      options: {
        name: { type: 'string' },
        schema: { type: 'string' },
        url: { type: 'string' },
        author: { type: 'string' },
        commit: { type: 'string' },
        force: { type: 'boolean' },
        owner: { type: 'string' },
        create: { type: 'boolean' },
      },
      async run({ values, common, io, api, variant }) {
        const name = requireName(values, 'name', 'subgraph');
        const url = requireOption(values, 'url', 'routing url');
        const sdl = await readSchemaFile(io.cwd, requireOption(values, 'schema', 'file'));
        const ref = variant();
        const result = await api().publishSubgraph({
          ...ref,
          subgraph: name,
          url,
          sdl,
          ...optional('author', stringOption(values, 'author')),
          ...optional('commit', stringOption(values, 'commit')),
          ...(values.force === true ? { force: true } : {}),
          ...optional('owner', stringOption(values, 'owner')),
          ...(values.create === true ? { create: true } : {}),
        });
        const ok = !FAILED_STATUSES.has(result.status);
        const version = result.supergraphVersion ? ` → supergraph version ${result.supergraphVersion.version}` : '';
        io.stdout(
          renderSchemaResult(
            { ...result, action: `Publish of ${name} to ${ref.graph}@${ref.variant}${version}`, ok, raw: result },
            common.format,
          ),
        );
        return ok ? ExitCode.OK : ExitCode.CHECK_FAILED;
      },
    },
    check: {
      summary:
        'Check a subgraph schema against the current supergraph without publishing it; breaking changes fail it only while in use',
      usage:
        '--name <subgraph> --schema <file> [--url <routing url>] [--usage-window 7d] [--exclude-client <name>]... [--strict] [--allow-no-usage]',
      options: {
        name: { type: 'string' },
        schema: { type: 'string' },
        url: { type: 'string' },
        'usage-window': { type: 'string' },
        'exclude-client': { type: 'string', multiple: true },
        strict: { type: 'boolean' },
        'allow-no-usage': { type: 'boolean' },
      },
      async run({ values, common, io, api, variant }) {
        const name = requireName(values, 'name', 'subgraph');
        const sdl = await readSchemaFile(io.cwd, requireOption(values, 'schema', 'file'));
        const ref = variant();
        const result = await api().checkSubgraph({
          ...ref,
          subgraph: name,
          sdl,
          ...optional('url', stringOption(values, 'url')),
          ...optional('usageWindow', stringOption(values, 'usage-window')),
          ...(stringListOption(values, 'exclude-client').length > 0
            ? { excludeClients: stringListOption(values, 'exclude-client') }
            : {}),
          ...(values.strict === true ? { strict: true } : {}),
          ...(values['allow-no-usage'] === true ? { allowNoUsage: true } : {}),
        });
        io.stdout(
          renderSchemaResult(
            {
              ...result,
              action: `Schema check of ${name} on ${ref.graph}@${ref.variant}`,
              status: result.ok ? 'PASSED' : 'FAILED',
              raw: result,
            },
            common.format,
          ),
        );
        return result.ok ? ExitCode.OK : ExitCode.CHECK_FAILED;
      },
    },
    list: {
      summary: 'List the subgraphs of a variant with their latest version',
      usage: '',
      options: {},
      async run({ common, io, api, variant }) {
        const subgraphs = await api().subgraphs(variant());
        if (common.format === OutputFormat.JSON) {
          io.stdout(JSON.stringify(subgraphs, null, 2));
          return ExitCode.OK;
        }
        const rows = subgraphs.map((subgraph) => [
          subgraph.name,
          subgraph.url,
          subgraph.latest?.createdAt ?? '—',
          subgraph.latest?.hash.slice(0, 12) ?? '—',
          subgraph.latest?.commit ?? '—',
        ]);
        const headers = ['Subgraph', 'URL', 'Published', 'SDL hash', 'Commit'];
        if (rows.length === 0) io.stdout('No subgraphs published yet.');
        else
          io.stdout(
            common.format === OutputFormat.MARKDOWN ? renderMarkdownTable(headers, rows) : renderTable(headers, rows),
          );
        return ExitCode.OK;
      },
    },
    delete: {
      summary: 'Remove a subgraph from the variant and recompose the supergraph without it',
      usage: '--name <subgraph>',
      options: { name: { type: 'string' } },
      async run({ values, common, io, api, variant }) {
        const name = requireName(values, 'name', 'subgraph');
        const ref = variant();
        const result = await api().deleteSubgraph({ ...ref, subgraph: name });
        const ok = !FAILED_STATUSES.has(result.status);
        io.stdout(
          renderSchemaResult(
            { ...result, action: `Deletion of ${name} from ${ref.graph}@${ref.variant}`, ok, raw: result },
            common.format,
          ),
        );
        return ok ? ExitCode.OK : ExitCode.CHECK_FAILED;
      },
    },
  },
};

/** `{ key: value }` when the value is set, `{}` otherwise, so absent flags are not sent as null. */
function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
