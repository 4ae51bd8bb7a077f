import { createHmac } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { CaseGenerator } from './documentCases';
import type { HostileRequest } from './hostileRequest';
import { GRAPHQL_PATH, getWith, jsonPost, queryString, rawPost, withHeaders } from './requestBuilders';

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** An HS256 JWT signed with `secret` (built by hand, so headers and claims can be anything). */
export function signHs256(header: Record<string, unknown>, claims: Record<string, unknown>, secret: string): string {
  const signed = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  return `${signed}.${createHmac('sha256', secret).update(signed).digest('base64url')}`;
}

const validPayload = (query: string) => ({ query });

export const badBody: CaseGenerator = (random, graph) => {
  const query = graph.operations[0]?.query ?? '{ __typename }';
  const text = random.pick([
    '',
    ' ',
    'null',
    'true',
    '42',
    '"{ __typename }"',
    '{}',
    '[]',
    '{',
    '{"query":',
    `{"query":"${query.slice(0, 20)}`,
    '{"query": 42}',
    '{"query": null}',
    '{"query": ["{ __typename }"]}',
    '{"query": {"a": 1}}',
    "{'query': '{a}'}",
    '{"query": "{ __typename }",}',
    '{"query": "{ __typename }"} trailing',
    '{"query": NaN}',
    '/* c */ {"query":"{a}"}',
    '{"query": "{ __typename }", "variables": "x"}',
    '{"query": "{ __typename }", "extensions": 1}',
    '{"query": "{ __typename }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "abc"}}}',
    '{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "0000000000000000000000000000000000000000000000000000000000000000"}}}',
    '{"query": "{ __typename }", "extensions": {"persistedQuery": {"version": 2, "sha256Hash": "abc"}}}',
    '{"query": "{ __typename }", "extensions": {"persistedQuery": {"version": "1", "sha256Hash": 5}}}',
    '{"extensions": {"persistedQuery": 1}}',
    '{"extensions": {"persistedQuery": {}}}',
    '{"__proto__": {"query": "{ __typename }"}}',
    '{"constructor": {"prototype": {"query": 1}}}',
    '{"query": "{ __typename }", "query": "{ a }"}',
    `{"query": 1${'0'.repeat(400)}}`,
    `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    `{"query": "{ __typename }", "variables": ${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`,
  ]);
  return rawPost('badBody', `body ${JSON.stringify(text.slice(0, 60))}`, Buffer.from(text));
};

export const encoding: CaseGenerator = (random, graph) => {
  const json = JSON.stringify(validPayload(graph.operations[0]?.query ?? '{ __typename }'));
  const kind = random.int(0, 9);
  const cases: [string, Buffer, [string, string][]][] = [
    ['UTF-16LE body', Buffer.from(json, 'utf16le'), withHeaders([])],
    [
      'UTF-16LE declared charset',
      Buffer.from(`\uFEFF${json}`, 'utf16le'),
      [['content-type', 'application/json; charset=utf-16']],
    ],
    ['UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]), withHeaders([])],
    [
      'invalid UTF-8 in a string',
      Buffer.from(json.replace('{', '{"x":"\xff\xfe\xc0\xaf",'), 'latin1'),
      withHeaders([]),
    ],
    [
      'lone surrogate escapes',
      Buffer.from('{"query": "{ __typename \\ud800 }", "operationName": "\\udfff"}'),
      withHeaders([]),
    ],
    ['gzip body, declared', gzipSync(json), withHeaders([['content-encoding', 'gzip']])],
    ['junk declared br', Buffer.from(json), withHeaders([['content-encoding', 'br']])],
    ['latin1 charset', Buffer.from(json, 'latin1'), [['content-type', 'application/json; charset=iso-8859-1']]],
    ['ebcdic charset', Buffer.from(json), [['content-type', 'application/json; charset=ebcdic']]],
    ['overlong UTF-8 brace', Buffer.concat([Buffer.from([0xc1, 0xbb]), Buffer.from(json.slice(1))]), withHeaders([])],
  ];
  const [what, body, headers] = cases[kind] ?? cases[0] ?? ['', Buffer.alloc(0), []];
  if (random.chance(0.2)) {
    // The same bytes, sent chunked, sometimes with a broken chunk.
    const chunk = `${body.length.toString(16)}\r\n`;
    const end = random.chance(0.5) ? '\r\n0\r\n\r\n' : '\r\nzz\r\n';
    return {
      ...rawPost(
        'encoding',
        `${what}, chunked${end.includes('zz') ? ' with a bad chunk' : ''}`,
        Buffer.concat([Buffer.from(chunk), body, Buffer.from(end)]),
        [...headers, ['transfer-encoding', 'chunked']],
      ),
      contentLength: 'omit',
    };
  }
  return rawPost('encoding', what, body, headers);
};

export const contentType: CaseGenerator = (random, graph) => {
  const query = graph.operations[0]?.query ?? '{ __typename }';
  const type = random.pick([
    undefined,
    '',
    'text/plain',
    'application/graphql',
    'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded',
    'APPLICATION/JSON',
    'application/jsonp',
    'application/graphql-response+json',
    'application/json; charset=utf-8; boundary=x',
    'application/json;;;',
    `application/json; ${'x=y; '.repeat(500)}`,
    'image/png',
    '*/*',
    'text/json',
  ]);
  const body = random.chance(0.5) ? JSON.stringify({ query }) : query;
  const headers: [string, string][] = type === undefined ? [] : [['content-type', type]];
  return rawPost(
    'contentType',
    `content-type ${JSON.stringify(type)?.slice(0, 50)}, ${body.startsWith('{"') ? 'JSON' : 'bare query'}`,
    Buffer.from(body),
    headers,
  );
};

export const headers: CaseGenerator = (random, graph) => {
  const payload = validPayload(graph.operations[0]?.query ?? '{ __typename }');
  const cases: [string, [string, string][]][] = [
    [
      'accept text/html',
      [
        ['content-type', 'application/json'],
        ['accept', 'text/html'],
      ],
    ],
    [
      'accept multipart only',
      [
        ['content-type', 'application/json'],
        ['accept', 'multipart/mixed'],
      ],
    ],
    [
      'accept junk',
      [
        ['content-type', 'application/json'],
        ['accept', ';;q=x,,*/'],
      ],
    ],
    ['a 20 KB header', withHeaders([['x-big', 'x'.repeat(20_000)]])],
    ['300 headers', withHeaders(Array.from({ length: 300 }, (_, i): [string, string] => [`x-h${i}`, 'v']))],
    ['NUL in a header value', withHeaders([['x-request-id', 'a\u0000b']])],
    ['non-ASCII header value', withHeaders([['accept-language', '\xe9\xff\xfe']])],
    ['obsolete line folding', withHeaders([['x-folded', 'a\r\n b']])],
    ['bad header name', withHeaders([['bad header', 'v']])],
    [
      'two different content-lengths',
      withHeaders([
        ['content-length', '1'],
        ['content-length', '2'],
      ]),
    ],
    [
      'traceparent junk',
      withHeaders([
        [
          'traceparent',
          random.pick(['00-zz-zz-01', 'x'.repeat(600), '00-00000000000000000000000000000000-0000000000000000-01']),
        ],
      ]),
    ],
    [
      'x-forwarded-for junk',
      withHeaders([
        ['x-forwarded-for', random.pick(['::::', '999.1.1.1', 'a'.repeat(2000), ', , ,', '1.2.3.4, unknown'])],
      ]),
    ],
    [
      'client name with control characters',
      withHeaders([
        ['apollographql-client-name', 'a\x01\x7f'],
        ['apollographql-client-version', 'é'.repeat(3000)],
      ]),
    ],
    ['huge client name', withHeaders([['apollographql-client-name', 'n'.repeat(8000)]])],
    ['expect 100-continue', withHeaders([['expect', '100-continue']])],
    ['expect junk', withHeaders([['expect', 'teapot']])],
    [
      'upgrade websocket',
      withHeaders([
        ['connection', 'upgrade'],
        ['upgrade', 'websocket'],
      ]),
    ],
    [
      'apollo preflight headers',
      withHeaders([
        ['apollo-require-preflight', 'true'],
        ['x-apollo-operation-name', '\u00ff'],
      ]),
    ],
    ['host header junk', withHeaders([['host', '::bad::']])],
  ];
  const [what, list] = random.pick(cases);
  const request = jsonPost('headers', what, payload, list);
  return what === 'two different content-lengths' ? { ...request, contentLength: 'omit' } : request;
};

export const bearerToken: CaseGenerator = (random, graph, { jwtSecret, apiKey, nowSeconds: now }) => {
  const claims = (extra: Record<string, unknown>) => ({ sub: 'user_00001', iat: now, exp: now + 300, ...extra });
  const hs = (extra: Record<string, unknown>, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }) =>
    signHs256(header, claims(extra), jwtSecret);
  const cases: [string, string, string][] = [
    ['Bearer alone', 'authorization', 'Bearer'],
    ['Bearer and a space', 'authorization', 'Bearer '],
    [
      'random bytes',
      'authorization',
      `Bearer ${Buffer.from(Array.from({ length: random.int(1, 400) }, () => random.int(0, 255))).toString('base64')}`,
    ],
    ['three dots', 'authorization', 'Bearer ...'],
    ['alg none', 'authorization', `Bearer ${base64url('{"alg":"none"}')}.${base64url(JSON.stringify(claims({})))}.`],
    [
      'wrong secret',
      'authorization',
      `Bearer ${signHs256({ alg: 'HS256' }, claims({}), 'not-the-secret-0123456789abcdefghij')}`,
    ],
    ['expired', 'authorization', `Bearer ${hs({ exp: now - 60, iat: now - 120 })}`],
    ['no exp', 'authorization', `Bearer ${hs({ exp: undefined })}`],
    ['numeric sub', 'authorization', `Bearer ${hs({ sub: 12 })}`],
    ['object sub', 'authorization', `Bearer ${hs({ sub: { id: 1 } })}`],
    ['empty sub', 'authorization', `Bearer ${hs({ sub: '' })}`],
    [
      'sub with CR LF',
      'authorization',
      `Bearer ${hs({ sub: 'a\r\nx-injected: 1', clinic_id: '\u0000', role: ['x'] })}`,
    ],
    ['lifetime of a year', 'authorization', `Bearer ${hs({ exp: now + 365 * 86_400 })}`],
    ['iat in the future', 'authorization', `Bearer ${hs({ iat: now + 86_400 })}`],
    ['nbf in the future', 'authorization', `Bearer ${hs({ nbf: now + 3600 })}`],
    ['exp as a string', 'authorization', `Bearer ${hs({ exp: 'tomorrow' })}`],
    ['RS256 claimed', 'authorization', `Bearer ${hs({}, { alg: 'RS256' })}`],
    ['header with crit', 'authorization', `Bearer ${hs({}, { alg: 'HS256', crit: ['x'], x: 1 })}`],
    ['an 8 KB token', 'authorization', `Bearer ${hs({ pad: 'p'.repeat(6000) })}`],
    ['non-base64 characters', 'authorization', 'Bearer ab$%.c*d.e!f'],
    ['Basic scheme', 'authorization', `Basic ${Buffer.from('admin:admin').toString('base64')}`],
    ['lowercase bearer, valid', 'authorization', `bearer ${hs({})}`],
    [
      'valid token',
      'authorization',
      `Bearer ${hs({ scope: 'orders:read orders:write', clinic_id: 'clinic_0001', role: 'BUYER' })}`,
    ],
    ['wrong api key', 'x-api-key', 'k'.repeat(random.int(1, 64))],
    ['empty api key', 'x-api-key', ''],
    ['valid api key', 'x-api-key', apiKey],
    ['api key with spaces', 'x-api-key', ` ${apiKey} `],
  ];
  const [what, name, value] = random.pick(cases);
  const operation = random.pick(graph.operations);
  const extra: [string, string][] = [[name, value]];
  if (random.chance(0.1)) extra.push(['authorization', `Bearer ${hs({ sub: 'second' })}`]);
  return jsonPost(
    'bearerToken',
    `${what}${extra.length > 1 ? ' plus a second authorization' : ''}`,
    operation,
    withHeaders(extra),
  );
};

export const nulBytes: CaseGenerator = (random, graph) => {
  const operation = random.pick(graph.operations);
  const kind = random.int(0, 5);
  if (kind === 0)
    return jsonPost('nulBytes', 'NUL in the query', { ...operation, query: operation.query.replace(' ', ' \u0000 ') });
  if (kind === 1) {
    const variables = Object.fromEntries(
      Object.entries(operation.variables ?? { x: 1 }).map(([k, v]) => [
        `${k}\u0000`,
        typeof v === 'string' ? `${v}\u0000` : v,
      ]),
    );
    return jsonPost('nulBytes', 'NUL in variable names and values', { ...operation, variables });
  }
  if (kind === 2) return jsonPost('nulBytes', 'NUL in operationName', { ...operation, operationName: '\u0000' });
  if (kind === 3) {
    const body = Buffer.from(JSON.stringify(operation));
    body[random.int(0, body.length - 1)] = 0;
    return rawPost('nulBytes', 'a raw NUL byte in the body', body);
  }
  if (kind === 4)
    return {
      ...getWith('nulBytes', 'raw NUL in the request target', 'query={a}'),
      target: `${GRAPHQL_PATH}?query=\u0000`,
    };
  return getWith('nulBytes', '%00 in a GET query', queryString({ query: `{ __typename \u0000 }` }));
};

export const getQueryString: CaseGenerator = (random, graph) => {
  const operation = random.pick(graph.operations);
  const cases: [string, string][] = [
    [
      'valid GET',
      queryString({
        query: operation.query,
        ...(operation.variables ? { variables: JSON.stringify(operation.variables) } : {}),
        ...(operation.operationName ? { operationName: operation.operationName } : {}),
      }),
    ],
    ['mutation by GET', queryString({ query: 'mutation { __typename }' })],
    ['malformed percent-encoding', `query=%E0%A4%A&variables=%ZZ`],
    ['variables not JSON', queryString({ query: operation.query, variables: '{bad' })],
    ['extensions not JSON', queryString({ query: operation.query, extensions: '[' })],
    [
      'APQ hash only',
      queryString({ extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } }) }),
    ],
    ['repeated query', `${queryString({ query: '{ __typename }' })}&${queryString({ query: operation.query })}`],
    ['empty query', 'query='],
    ['query without value', 'query'],
    ['no parameters', ''],
    ['only ampersands', '&&&=&='],
    ['a 15 KB query string', queryString({ query: `{ ${'__typename '.repeat(1300)}}` })],
    ['a 20 KB query string', queryString({ query: `{ ${'__typename '.repeat(1800)}}` })],
    ['bad operationName', queryString({ query: operation.query, operationName: 'Nope' })],
    ['variables array', queryString({ query: operation.query, variables: '[1,2]' })],
    ['a fragment in the target', `${queryString({ query: '{ __typename }' })}#frag`],
    ['plus signs and unicode', 'query=%7B+__typename+%F0%9F%98%80+%7D'],
  ];
  const [what, search] = random.pick(cases);
  return getWith('getQueryString', what, search);
};

export const method: CaseGenerator = (random, graph) => {
  const verb = random.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'TRACE', 'FOO', 'GETT', 'post']);
  const request = jsonPost('method', `method ${verb}`, validPayload(graph.operations[0]?.query ?? '{ __typename }'));
  return { ...request, method: verb };
};

/** A body that never arrives in full: the server's request timeout must drop it with a coded 408. */
export const slowBody: CaseGenerator = (random, graph): HostileRequest => {
  const request = jsonPost(
    'slowBody',
    'content-length announces more than is sent',
    validPayload(graph.operations[0]?.query ?? '{ __typename }'),
  );
  return { ...request, contentLength: (request.body?.length ?? 0) + random.int(1, 1000) };
};
