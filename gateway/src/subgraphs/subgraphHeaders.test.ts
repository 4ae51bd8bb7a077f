import { describe, expect, it } from 'vitest';
import type { GatewayContext } from '../context';
import { createLogger } from '../logger';
import { buildSubgraphHeaders, forwardableHeaders } from './subgraphHeaders';

const context = (headers: Record<string, string>, identity: GatewayContext['identity'] = null): GatewayContext => ({
  requestId: 'req-1',
  logger: createLogger('silent'),
  identity,
  client: { id: 'anonymous', name: 'anonymous', version: '' },
  headers,
});

describe('forwardableHeaders', () => {
  it('drops identity, trace and HTTP framing headers whatever the configuration says', () => {
    expect(
      forwardableHeaders([
        'Accept-Language',
        'x-switchyard-subject',
        'traceparent',
        'host',
        'content-length',
        'x-tenant',
      ]),
    ).toEqual(['accept-language', 'x-tenant']);
  });
});

describe('buildSubgraphHeaders', () => {
  it('lets an anonymous client claim no identity, even with a header of the same name', () => {
    const forwardHeaders = forwardableHeaders(['x-switchyard-subject', 'x-switchyard-scopes']);
    const headers = buildSubgraphHeaders(context({ 'x-switchyard-subject': 'admin', 'x-switchyard-scopes': 'all' }), {
      forwardHeaders,
    });
    expect(headers).not.toHaveProperty('x-switchyard-subject');
    expect(headers).not.toHaveProperty('x-switchyard-scopes');
  });

  it('sends the request id as x-request-id when it is forwarded and the client sent none', () => {
    expect(buildSubgraphHeaders(context({}), { forwardHeaders: ['x-request-id'] })['x-request-id']).toBe('req-1');
    expect(
      buildSubgraphHeaders(context({ 'x-request-id': 'mine' }), { forwardHeaders: ['x-request-id'] })['x-request-id'],
    ).toBe('mine');
    expect(buildSubgraphHeaders(context({}), { forwardHeaders: [] })).not.toHaveProperty('x-request-id');
  });

  it('adds identity, client and secret headers', () => {
    const headers = buildSubgraphHeaders(
      context({}, { kind: 'apiKey', subject: 'svc', scopes: ['a', 'b'], claims: { role: 'x' }, clientName: 'ios' }),
      { forwardHeaders: [], secret: 's'.repeat(16) },
    );
    expect(headers).toMatchObject({
      'x-switchyard-subject': 'svc',
      'x-switchyard-scopes': 'a b',
      'x-switchyard-claims': '{"role":"x"}',
      'x-switchyard-client-name': 'anonymous',
      'x-switchyard-gateway-secret': 's'.repeat(16),
    });
  });
});
