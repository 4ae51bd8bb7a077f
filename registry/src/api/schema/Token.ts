import type { TokenRow } from '../../db/schema';
import { isTokenScope } from '../../tokens/TokenScope';
import { builder } from '../builder';
import { TokenScopeEnum } from './enums';

export const TokenRef = builder.objectRef<TokenRow>('Token').implement({
  description: 'An API token; its secret is shown once, at creation.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    scope: t.field({
      type: TokenScopeEnum,
      resolve: (token) => {
        if (!isTokenScope(token.scope)) throw new Error(`Token ${token.id} has the unknown scope ${token.scope}.`);
        return token.scope;
      },
    }),
    graph: t.exposeString('graph', { nullable: true }),
    subgraphs: t.exposeStringList('subgraphs'),
    createdAt: t.string({ resolve: (token) => token.createdAt.toISOString() }),
    revokedAt: t.string({ nullable: true, resolve: (token) => token.revokedAt?.toISOString() ?? null }),
    lastUsedAt: t.string({ nullable: true, resolve: (token) => token.lastUsedAt?.toISOString() ?? null }),
  }),
});

export const CreatedTokenRef = builder.objectRef<{ token: string; row: TokenRow }>('CreatedToken').implement({
  fields: (t) => ({
    token: t.exposeString('token', { description: 'The secret; shown this once, stored only as a hash.' }),
    info: t.field({ type: TokenRef, resolve: (created) => created.row }),
  }),
});
