import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryDatabase } from '../db/openDatabase';
import { backendTitle, openTestDatabase, storageBackends } from '../db/testing/testDatabase';
import { findTokenByHash, listTokens } from '../repositories/tokenRepository';
import { authenticate } from './authenticate';
import { createToken, ensureAdminToken, revokeTokenById } from './manageTokens';
import { hashTokenSecret } from './tokenSecret';

const backends = await storageBackends();

describe.each(backends)('tokens on $name', (backend) => {
  describe.skipIf(backend.skipReason !== undefined)(backendTitle(backend), () => {
    let db: RegistryDatabase;
    let close: () => Promise<void>;

    beforeAll(async () => {
      const opened = await openTestDatabase(backend);
      db = opened.db;
      close = opened.close;
    });
    afterAll(async () => close?.());

    it('generates an admin token once on an empty registry, then never again', async () => {
      const first = await ensureAdminToken(db, undefined);
      expect(first.generatedToken).toMatch(/^sy_[A-Za-z0-9_-]{43}$/);
      expect(await ensureAdminToken(db, undefined)).toEqual({});
      const principal = await authenticate(db, first.generatedToken);
      expect(principal.scope).toBe('ADMIN');
    });

    it('stores the configured admin token as a sha256 hash only, once', async () => {
      const configured = 'configured-admin-token-0123456789';
      await ensureAdminToken(db, configured);
      await ensureAdminToken(db, configured);
      const rows = await listTokens(db);
      expect(rows.filter((row) => row.tokenHash === hashTokenSecret(configured))).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(configured);
      expect((await authenticate(db, configured)).scope).toBe('ADMIN');
    });

    it('revokes tokens, after which they no longer authenticate', async () => {
      const { token, row } = await createToken(db, { name: 'ci', scope: 'PUBLISH', graph: 'shop', subgraphs: ['a'] });
      expect(await authenticate(db, token)).toMatchObject({ scope: 'PUBLISH', graph: 'shop', subgraphs: ['a'] });
      const revoked = await revokeTokenById(db, row.id);
      expect(revoked.revokedAt).toBeInstanceOf(Date);
      await expect(authenticate(db, token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      await expect(revokeTokenById(db, 'not-a-token-id')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(revokeTokenById(db, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('records when a token was last used', async () => {
      const { token } = await createToken(db, { name: 'gateway', scope: 'READ', graph: 'shop' });
      const at = new Date('2030-01-01T00:00:00Z');
      await authenticate(db, token, at);
      expect((await findTokenByHash(db, hashTokenSecret(token)))?.lastUsedAt?.toISOString()).toBe(at.toISOString());
    });

    it('refuses tokens whose grants do not fit their scope', async () => {
      await expect(createToken(db, { name: 'x', scope: 'ADMIN', graph: 'shop' })).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
      });
      await expect(
        createToken(db, { name: 'x', scope: 'READ', graph: 'shop', subgraphs: ['a'] }),
      ).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
      });
      await expect(
        createToken(db, { name: 'x', scope: 'PUBLISH', graph: 'shop', subgraphs: ['ok', 'not ok'] }),
      ).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        message: expect.stringContaining('not valid subgraph names: not ok'),
      });
      await expect(createToken(db, { name: ' ', scope: 'PUBLISH' })).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        message: expect.stringContaining('name must not be empty; a PUBLISH token needs the graph it is for'),
      });
    });
  });
});
