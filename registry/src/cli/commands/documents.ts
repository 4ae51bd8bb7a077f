import { type CommandGroup, ExitCode } from '../Command';
import { renderMarkdownTable, renderTable } from '../format/renderTable';
import { OutputFormat } from '../OutputFormat';
import { requireOption, stringOption } from '../parseCommandArgs';
import { readSchemaFile } from '../readSchemaFile';

/** `switchyard documents publish|list|delete`: the persisted documents (trusted operations) client versions ship. */
export const documentsCommands: CommandGroup = {
  summary: 'Publish, list and delete the persisted documents of client versions',
  commands: {
    publish: {
      summary:
        "Publish a client version's persisted documents (an Apollo persisted query manifest or a plain {id: document} map); every document must be valid against the served supergraph",
      usage: '--client <name> --client-version <version> --manifest <file>',
      options: { client: { type: 'string' }, 'client-version': { type: 'string' }, manifest: { type: 'string' } },
      async run({ values, common, io, api, variant }) {
        const client = requireOption(values, 'client', 'name');
        const clientVersion = requireOption(values, 'client-version', 'version');
        const manifest = await readSchemaFile(io.cwd, requireOption(values, 'manifest', 'file'), 'manifest');
        const result = await api().publishDocuments({ ...variant(), client, clientVersion, manifest });
        if (common.format === OutputFormat.JSON) {
          io.stdout(JSON.stringify(result, null, 2));
        } else {
          const lines = [result.message];
          for (const invalid of result.invalid) {
            const name = invalid.name ? ` (${invalid.name})` : '';
            lines.push(`  ✗ ${invalid.id}${name}: ${invalid.messages.join(' ')}`);
          }
          io.stdout(lines.join('\n'));
        }
        return result.ok ? ExitCode.OK : ExitCode.CHECK_FAILED;
      },
    },
    list: {
      summary:
        "List the client versions with persisted documents (with --client and --client-version, that version's documents)",
      usage: '[--client <name>] [--client-version <version>]',
      options: { client: { type: 'string' }, 'client-version': { type: 'string' } },
      async run({ values, common, io, api, variant }) {
        const ref = variant();
        const client = stringOption(values, 'client');
        const clientVersion = stringOption(values, 'client-version');
        const markdown = common.format === OutputFormat.MARKDOWN;
        if (client !== undefined && clientVersion !== undefined) {
          const [manifest] = await api().documentManifestDocuments({ ...ref, client, clientVersion });
          const documents = manifest?.documents ?? [];
          if (common.format === OutputFormat.JSON) {
            io.stdout(JSON.stringify(documents, null, 2));
            return ExitCode.OK;
          }
          if (!manifest) {
            io.stdout(`${ref.graph}@${ref.variant} has no persisted documents of ${client} ${clientVersion}.`);
            return ExitCode.OK;
          }
          const headers = ['Id', 'Operation', 'Type'];
          const rows = documents.map((document) => [
            document.id,
            document.operationName ?? '',
            document.operationType ?? '',
          ]);
          io.stdout(markdown ? renderMarkdownTable(headers, rows) : renderTable(headers, rows));
          return ExitCode.OK;
        }
        const manifests = await api().documentManifests({ ...ref, ...(client === undefined ? {} : { client }) });
        if (common.format === OutputFormat.JSON) {
          io.stdout(JSON.stringify(manifests, null, 2));
          return ExitCode.OK;
        }
        if (manifests.length === 0) {
          io.stdout(
            `${ref.graph}@${ref.variant} has no persisted documents; publish them with \`switchyard documents publish\`.`,
          );
          return ExitCode.OK;
        }
        const headers = ['Client', 'Version', 'Documents', 'Published'];
        const rows = manifests.map((manifest) => [
          manifest.client,
          manifest.clientVersion,
          String(manifest.documentCount),
          manifest.publishedAt,
        ]);
        io.stdout(markdown ? renderMarkdownTable(headers, rows) : renderTable(headers, rows));
        return ExitCode.OK;
      },
    },
    delete: {
      summary:
        "Retire a client version's persisted documents (every version of the client without --client-version): gateways stop serving them and checks stop protecting what they use",
      usage: '--client <name> [--client-version <version>]',
      options: { client: { type: 'string' }, 'client-version': { type: 'string' } },
      async run({ values, common, io, api, variant }) {
        const ref = variant();
        const client = requireOption(values, 'client', 'name');
        const clientVersion = stringOption(values, 'client-version');
        const deleted = await api().deleteDocuments({
          ...ref,
          client,
          ...(clientVersion === undefined ? {} : { clientVersion }),
        });
        io.stdout(
          common.format === OutputFormat.JSON
            ? JSON.stringify(deleted, null, 2)
            : `Deleted the persisted documents of ${deleted.map((manifest) => `${manifest.client} ${manifest.clientVersion} (${manifest.documentCount})`).join(', ')} from ${ref.graph}@${ref.variant}.`,
        );
        return ExitCode.OK;
      },
    },
  },
};
