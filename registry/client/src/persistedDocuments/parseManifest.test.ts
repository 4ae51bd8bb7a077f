import { describe, expect, it } from 'vitest';
import { hashDocument, parseManifest } from './parseManifest';

describe('parseManifest', () => {
  it("reads Apollo's manifest format, keeping given ids and hashing bodies without one", () => {
    const body = 'query Me { me { id } }';
    const parsed = parseManifest(
      JSON.stringify({
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: [
          { id: 'abc', name: 'Shop', type: 'query', body: '{ shop { id } }' },
          { name: 'Me', type: 'query', body },
        ],
      }),
    );
    expect(parsed).toEqual({
      ok: true,
      documents: [
        { id: 'abc', name: 'Shop', type: 'query', body: '{ shop { id } }' },
        { id: hashDocument(body), name: 'Me', type: 'query', body },
      ],
    });
    expect(hashDocument(body)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads a plain id → document map (Relay, GraphQL Codegen)', () => {
    expect(parseManifest('{"q1":"{ a }","q2":"{ b }"}')).toEqual({
      ok: true,
      documents: [
        { id: 'q1', name: null, type: null, body: '{ a }' },
        { id: 'q2', name: null, type: null, body: '{ b }' },
      ],
    });
  });

  it('refuses what is not a manifest, saying why', () => {
    expect(parseManifest('not json')).toMatchObject({ ok: false, message: expect.stringContaining('not JSON') });
    expect(parseManifest('[]')).toMatchObject({ ok: false, message: 'The manifest must be a JSON object.' });
    expect(parseManifest('{"format":"other","version":1,"operations":[]}')).toMatchObject({ ok: false });
    expect(parseManifest('{"format":"apollo-persisted-query-manifest","version":2,"operations":[]}')).toMatchObject({
      ok: false,
      message: expect.stringContaining('version 1'),
    });
    expect(parseManifest('{"q1": 3}')).toMatchObject({ ok: false, message: expect.stringContaining('"q1"') });
    expect(
      parseManifest(
        JSON.stringify({
          format: 'apollo-persisted-query-manifest',
          version: 1,
          operations: [
            { id: 'x', body: '{ a }' },
            { id: 'x', body: '{ b }' },
          ],
        }),
      ),
    ).toMatchObject({ ok: false, message: 'Id "x" appears twice in the manifest.' });
  });
});
