import type { Executor } from '../db/openDatabase';
import type { TokenRow } from '../db/schema';
import { ErrorCode, SwitchyardError } from '../errors';
import { isValidName } from '../publishing/validateInput';
import { countTokens, insertToken, insertTokenIfMissing, revokeToken } from '../repositories/tokenRepository';
import { TokenScope } from './TokenScope';
import { generateTokenSecret, hashTokenSecret } from './tokenSecret';

/** What a new token is allowed to do. */
export interface CreateTokenInput {
  name: string;
  scope: TokenScope;
  graph?: string | null;
  subgraphs?: readonly string[] | null;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function validateTokenInput(input: CreateTokenInput): string[] {
  const problems: string[] = [];
  if (!input.name.trim()) problems.push('name must not be empty');
  const subgraphs = input.subgraphs ?? [];
  if (input.scope === TokenScope.ADMIN) {
    if (input.graph) problems.push('an ADMIN token applies to every graph; leave graph unset');
    if (subgraphs.length > 0) problems.push('an ADMIN token applies to every subgraph; leave subgraphs unset');
  } else if (!input.graph) {
    problems.push(`a ${input.scope} token needs the graph it is for`);
  }
  if (input.graph && !isValidName(input.graph)) problems.push(`"${input.graph}" is not a valid graph name`);
  const invalidSubgraphs = subgraphs.filter((subgraph) => !isValidName(subgraph));
  if (invalidSubgraphs.length > 0) problems.push(`not valid subgraph names: ${invalidSubgraphs.join(', ')}`);
  if (input.scope !== TokenScope.PUBLISH && input.scope !== TokenScope.ADMIN && subgraphs.length > 0) {
    problems.push('only PUBLISH tokens are limited to subgraphs');
  }
  return problems;
}

/** Creates a token and returns its secret, which is shown this once and stored only as a hash. */
export async function createToken(db: Executor, input: CreateTokenInput): Promise<{ token: string; row: TokenRow }> {
  const problems = validateTokenInput(input);
  if (problems.length > 0)
    throw new SwitchyardError(ErrorCode.BAD_USER_INPUT, `Invalid token: ${problems.join('; ')}.`);
  const token = generateTokenSecret();
  const row = await insertToken(db, {
    name: input.name.trim(),
    tokenHash: hashTokenSecret(token),
    scope: input.scope,
    graph: input.scope === TokenScope.ADMIN ? null : (input.graph ?? null),
    subgraphs: [...new Set(input.subgraphs ?? [])],
  });
  return { token, row };
}

/** Revokes a token; it answers 401 from then on. Throws `NOT_FOUND` for an unknown id. */
export async function revokeTokenById(db: Executor, id: string, now = new Date()): Promise<TokenRow> {
  const row = uuidPattern.test(id) ? await revokeToken(db, id, now) : undefined;
  if (!row) throw new SwitchyardError(ErrorCode.NOT_FOUND, `No token has id "${id}".`);
  return row;
}

/**
 * Makes sure an admin can get in: stores `configuredToken` (hashed) when given; otherwise, when the registry has
 * no token at all, creates one and returns its secret so the caller prints it once.
 */
export async function ensureAdminToken(
  db: Executor,
  configuredToken: string | undefined,
): Promise<{ generatedToken?: string }> {
  if (configuredToken) {
    await insertTokenIfMissing(db, {
      name: 'admin (SWITCHYARD_ADMIN_TOKEN)',
      tokenHash: hashTokenSecret(configuredToken),
      scope: TokenScope.ADMIN,
      graph: null,
      subgraphs: [],
    });
    return {};
  }
  if ((await countTokens(db)) > 0) return {};
  const { token } = await createToken(db, { name: 'admin (generated at first start)', scope: TokenScope.ADMIN });
  return { generatedToken: token };
}
