import { CliError, CliErrorCode } from '../CliError';
import { type CommandGroup, ExitCode } from '../Command';
import { renderMarkdownTable, renderTable } from '../format/renderTable';
import { OutputFormat } from '../OutputFormat';
import { requireOption, stringListOption } from '../parseCommandArgs';
import type { Token, TokenScope } from '../registryApi';

const SCOPES: readonly TokenScope[] = ['ADMIN', 'PUBLISH', 'READ', 'REPORT'];

/** `switchyard token create|revoke|list` (admin token required). */
export const tokenCommands: CommandGroup = {
  summary: 'Create, revoke and list API tokens (needs an admin token)',
  commands: {
    create: {
      summary: 'Create a token; its secret is printed once',
      usage: '--name <name> --scope ADMIN|PUBLISH|READ|REPORT [--graph <graph>] [--subgraph <name>]…',
      options: { name: { type: 'string' }, scope: { type: 'string' }, subgraph: { type: 'string', multiple: true } },
      async run({ values, common, io, api }) {
        const name = requireOption(values, 'name', 'name');
        const scope = requireOption(values, 'scope', 'scope').toUpperCase();
        if (!isScope(scope))
          throw new CliError(CliErrorCode.USAGE, `--scope must be one of ${SCOPES.join(', ')}, got "${scope}".`);
        const subgraphs = stringListOption(values, 'subgraph');
        const created = await api().createToken({
          name,
          scope,
          ...(common.graph === undefined ? {} : { graph: common.graph }),
          ...(subgraphs.length > 0 ? { subgraphs } : {}),
        });
        if (common.format === OutputFormat.JSON) io.stdout(JSON.stringify(created, null, 2));
        else {
          io.stdout(created.token);
          io.stderr(
            `Created ${created.info.scope} token "${created.info.name}" (id ${created.info.id}); store it now, it is not shown again.`,
          );
        }
        return ExitCode.OK;
      },
    },
    revoke: {
      summary: 'Revoke a token by id',
      usage: '--id <token id>',
      options: { id: { type: 'string' } },
      async run({ values, common, io, api }) {
        const token = await api().revokeToken(requireOption(values, 'id', 'token id'));
        io.stdout(
          common.format === OutputFormat.JSON
            ? JSON.stringify(token, null, 2)
            : `Revoked token "${token.name}" (id ${token.id}).`,
        );
        return ExitCode.OK;
      },
    },
    list: {
      summary: 'List tokens (never their secrets)',
      usage: '',
      options: {},
      async run({ common, io, api }) {
        const tokens = await api().tokens();
        if (common.format === OutputFormat.JSON) {
          io.stdout(JSON.stringify(tokens, null, 2));
          return ExitCode.OK;
        }
        const headers = ['Id', 'Name', 'Scope', 'Graph', 'Subgraphs', 'Created', 'Revoked'];
        const rows = tokens.map((token: Token) => [
          token.id,
          token.name,
          token.scope,
          token.graph ?? '*',
          token.subgraphs.join(',') || '*',
          token.createdAt,
          token.revokedAt ?? '',
        ]);
        io.stdout(
          common.format === OutputFormat.MARKDOWN ? renderMarkdownTable(headers, rows) : renderTable(headers, rows),
        );
        return ExitCode.OK;
      },
    },
  },
};

function isScope(value: string): value is TokenScope {
  return SCOPES.some((scope) => scope === value);
}
