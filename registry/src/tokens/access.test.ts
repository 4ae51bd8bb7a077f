import { describe, expect, it } from 'vitest';
import { assertAdmin, assertCanManageGraph, assertCanPublish, assertCanRead } from './access';
import type { Principal } from './Principal';
import { TokenScope } from './TokenScope';

function principal(scope: TokenScope, graph: string | null = null, subgraphs: string[] = []): Principal {
  return { tokenId: 't', name: 'test', scope, graph, subgraphs };
}

const admin = principal(TokenScope.ADMIN);
const publishProducts = principal(TokenScope.PUBLISH, 'shop', ['products']);
const publishShop = principal(TokenScope.PUBLISH, 'shop');
const readShop = principal(TokenScope.READ, 'shop');
const reportShop = principal(TokenScope.REPORT, 'shop');

describe('access', () => {
  it('lets admin tokens do everything', () => {
    expect(() => assertAdmin(admin)).not.toThrow();
    expect(() => assertCanPublish(admin, 'any', 'thing')).not.toThrow();
    expect(() => assertCanRead(admin, 'any')).not.toThrow();
    expect(() => assertCanManageGraph(admin, 'any')).not.toThrow();
  });

  it('lets a publish token publish only its named subgraphs of its graph', () => {
    expect(() => assertCanPublish(publishProducts, 'shop', 'products')).not.toThrow();
    expect(() => assertCanPublish(publishProducts, 'shop', 'reviews')).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(() => assertCanPublish(publishProducts, 'other', 'products')).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(() => assertCanManageGraph(publishProducts, 'shop')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('lets a publish token without subgraphs publish every subgraph of its graph and roll it back', () => {
    expect(() => assertCanPublish(publishShop, 'shop', 'reviews')).not.toThrow();
    expect(() => assertCanManageGraph(publishShop, 'shop')).not.toThrow();
    expect(() => assertCanManageGraph(publishShop, 'other')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('lets read tokens read their graph only and never publish', () => {
    expect(() => assertCanRead(readShop, 'shop')).not.toThrow();
    expect(() => assertCanRead(readShop, 'other')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => assertCanPublish(readShop, 'shop', 'products')).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });

  it('gives report tokens neither reads nor publishes', () => {
    expect(() => assertCanRead(reportShop, 'shop')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => assertCanPublish(reportShop, 'shop', 'products')).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });

  it('keeps token management for admins', () => {
    for (const caller of [publishShop, readShop, reportShop]) {
      expect(() => assertAdmin(caller)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    }
  });

  it('words refusals the same whether or not the graph exists', () => {
    let message = '';
    try {
      assertCanRead(readShop, 'secret-graph');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('This token may not read graph "secret-graph".');
  });
});
