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

describe('header values from claims and client headers', () => {
  const hostile = 'x\r\nx-switchyard-subject: admin\u0000\u007f';

  it('never carry CR, LF or other control characters into a subgraph call', () => {
    const headers = buildSubgraphHeaders(
      {
        ...context(
          { 'accept-language': hostile },
          { kind: 'jwt', subject: hostile, scopes: ['a', hostile], claims: { role: hostile, name: 'Zoë' } },
        ),
        client: { id: 'c', name: hostile, version: hostile },
      },
      { forwardHeaders: ['accept-language'] },
    );
    for (const value of Object.values(headers)) expect(value).toMatch(/^[\t\x20-\x7e]*$/);
    expect(headers).not.toHaveProperty('accept-language');
    expect(headers).not.toHaveProperty('x-switchyard-subject');
    expect(headers['x-switchyard-scopes']).toBe('a');
    expect(JSON.parse(headers['x-switchyard-claims'] ?? '')).toEqual({ role: hostile, name: 'Zoë' });
  });
});
